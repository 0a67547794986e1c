"""What a render request waiting behind a busy worker passes on when a newer one replaces it."""

from __future__ import annotations

from editor.core.post.model import Post
from editor.gui.pipelines import RenderRequest, _merge_requests


def test_a_replaced_request_keeps_its_reset_and_its_metadata_edit():
    post = Post(title="T")
    opened = RenderRequest(post, "old", reset=True)
    typed = RenderRequest(post, "new", reset=False)
    merged = _merge_requests(opened, typed)
    assert merged.reset and merged.body == "new"  # a newly opened post still gets its shell
    renamed = RenderRequest(post, "a", reset=False, metadata_changed=True)
    merged = _merge_requests(renamed, RenderRequest(post, "b", reset=False, references_changed=True))
    assert merged.metadata_changed and merged.references_changed and not merged.reset and merged.body == "b"
    assert not _merge_requests(renamed, opened).metadata_changed  # a new shell has the metadata anyway
