"""Text embeddings: the :class:`Embedder` protocol, its backends, a cache and installs.

Backends: ``hashing`` (model-free, always there), ``use`` (multilingual USE v3, bundled),
``gemma`` (EmbeddingGemma-300M, installed on request with ``newsweave models install gemma``).
"""

from newsweave.embed.base import Embedder, Task, embedder_throughput, l2_normalise
from newsweave.embed.cache import CachedEmbedder, EmbeddingCache, open_cache, text_key
from newsweave.embed.models import install_model, is_installed, model_path, models_dir
from newsweave.embed.registry import DEFAULT_EMBEDDER, available, get_embedder, resolve_default

__all__ = [
    "DEFAULT_EMBEDDER",
    "CachedEmbedder",
    "Embedder",
    "EmbeddingCache",
    "Task",
    "available",
    "embedder_throughput",
    "get_embedder",
    "install_model",
    "is_installed",
    "l2_normalise",
    "model_path",
    "models_dir",
    "open_cache",
    "resolve_default",
    "text_key",
]
