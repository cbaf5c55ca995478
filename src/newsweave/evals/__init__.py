"""newsweave.evals"""
