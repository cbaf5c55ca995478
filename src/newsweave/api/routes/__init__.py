"""newsweave.api.routes"""
