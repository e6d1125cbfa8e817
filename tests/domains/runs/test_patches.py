import pytest

from app.domains.runs.patches import PatchRejected, apply_patch

ADD = "--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1,1 @@\n+one\n"
ADD_TWO = ADD + "--- a/missing.txt\n+++ b/missing.txt\n@@ -1 +1 @@\n-x\n+y\n"


def test_new_file(tmp_path):
    assert apply_patch(tmp_path, ADD) == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "one\n"


def test_all_or_nothing(tmp_path):
    with pytest.raises(PatchRejected, match="does not exist"):
        apply_patch(tmp_path, ADD_TWO)
    assert not (tmp_path / "a.txt").exists()


@pytest.mark.parametrize("path", ["/etc/passwd", "b/../up.txt", "C:/x.txt"])
def test_paths_stay_inside(tmp_path, path):
    with pytest.raises(PatchRejected):
        apply_patch(tmp_path, ADD.replace("b/a.txt", path))


def test_garbage_is_rejected(tmp_path):
    with pytest.raises(PatchRejected):
        apply_patch(tmp_path, "this is not a diff")


def test_edit_and_remove(tmp_path):
    (tmp_path / "f.txt").write_text("a\nb\nc\n")
    apply_patch(tmp_path, "--- a/f.txt\n+++ b/f.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
    assert (tmp_path / "f.txt").read_text() == "a\nB\nc\n"
    apply_patch(tmp_path, "--- a/f.txt\n+++ /dev/null\n@@ -1,3 +0,0 @@\n-a\n-B\n-c\n")
    assert not (tmp_path / "f.txt").exists()


def test_context_mismatch_is_rejected(tmp_path):
    (tmp_path / "f.txt").write_text("a\nb\n")
    with pytest.raises(PatchRejected, match="does not match"):
        apply_patch(tmp_path, "--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\n-zzz\n+B\n")
    assert (tmp_path / "f.txt").read_text() == "a\nb\n"
