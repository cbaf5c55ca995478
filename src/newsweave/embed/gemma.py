"""EmbeddingGemma-300M through sentence-transformers on CPU (installed on request).

The model folder comes from ``newsweave models install gemma``; it is loaded with the
Hugging Face hub switched off, so nothing is ever fetched. Each task uses the prompt the
model folder's ``config_sentence_transformers.json`` names for it (article-to-article
comparison uses none: see :data:`PROMPT_NAMES`). Texts are cut to
``max_tokens`` tokens (prompt included): the cost of a document grows with its length
and the opening of a news article carries most of what identifies its story. The default
budget of 128 tokens runs at 5.9 articles/s on 2 idle cores against 3.1 at 256; on the
first 200 SemEval-2022 dev pairs the cosine's Pearson / AUC were 0.773 / 0.906 at 128
and 0.809 / 0.931 at 256 tokens, so ``gemma:256`` is the choice when accuracy matters
more than ingest speed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.embed.base import FloatMatrix, Task, check_task, empty_matrix, l2_normalise
from newsweave.embed.models import model_path
from newsweave.errors import MissingModelError

#: Which entry of the model's prompt table serves each task; ``None`` means no prompt.
#: Comparing articles with each other ("clustering") works best without a prompt: on the
#: first 200 SemEval-2022 dev pairs (128 tokens) the cosine's Pearson / AUC were 0.773 /
#: 0.906 without one, 0.765 / 0.902 with the "document" prompt, 0.756 / 0.902 with "STS"
#: and 0.690 / 0.877 with "Clustering".
PROMPT_NAMES: dict[Task, str | None] = {
    "clustering": None,
    "query": "query",
    "document": "document",
}

DEFAULT_MAX_TOKENS = 128


class GemmaEmbedder:
    """EmbeddingGemma-300M (768 dimensions, 100+ languages).

    ``model_dir`` defaults to the installed model; ``threads`` bounds torch's CPU threads.
    The model loads on the first call to :meth:`embed`.
    """

    dim = 768

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = 8,
        threads: int | None = None,
    ) -> None:
        self.model_dir = model_dir if model_dir is not None else model_path("gemma")
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.threads = threads
        self.name = f"embeddinggemma-300m-t{max_tokens}"
        self.prompts = _read_prompts(self.model_dir)
        self._model: Any = None

    def embed(self, texts: list[str], *, task: Task = "clustering") -> FloatMatrix:
        """Embed ``texts`` with the prompt of ``task``."""
        task = check_task(task)
        if not texts:
            return empty_matrix(self.dim)
        model = self._load()
        prompt_name = PROMPT_NAMES[task]
        vectors = model.encode(
            list(texts),
            prompt=self.prompts.get(prompt_name, "") if prompt_name else "",
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=False,
            show_progress_bar=False,
        )
        return l2_normalise(np.asarray(vectors, dtype=np.float32))

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Idle OpenMP threads must sleep, not spin: on a 2-core machine where anything else
        # runs, spinning threads made one short query take 1.7 s instead of 0.07 s. Read
        # when torch loads, so it only helps when torch is not imported yet.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise MissingModelError(
                "the gemma backend needs torch and sentence-transformers: "
                "pip install 'torch==2.13.0' sentence-transformers, then "
                "`newsweave models install gemma`"
            ) from err
        if self.threads:
            torch.set_num_threads(self.threads)
        model = SentenceTransformer(
            str(self.model_dir), device="cpu", local_files_only=True, trust_remote_code=False
        )
        model.max_seq_length = self.max_tokens
        model.eval()
        self._model = model
        return model


def _read_prompts(model_dir: Path) -> dict[str, str]:
    config = model_dir / "config_sentence_transformers.json"
    if not config.is_file():
        raise MissingModelError(
            f"{model_dir} is not a complete model folder: run `newsweave models install gemma`"
        )
    data = json.loads(config.read_text(encoding="utf-8"))
    prompts = data.get("prompts", {})
    return {str(k): str(v) for k, v in prompts.items()}
