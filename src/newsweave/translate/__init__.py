"""newsweave.translate"""
