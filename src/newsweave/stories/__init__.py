"""newsweave.stories"""
