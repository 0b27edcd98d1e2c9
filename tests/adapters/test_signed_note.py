"""C2SP signed notes and cosignatures: the keys and signatures are those of Go's
golang.org/x/mod/sumdb/note, so other tools read LIF's checkpoints."""

import pytest

from adapters.signed_note import COSIGNATURE, Note, Signer, Verifier
from lif_domain.errors import InvalidInput

# The example in the documentation of golang.org/x/mod/sumdb/note.
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = ("If you think cryptography is the answer to your problem,\n"
           "then you don't know what your problem is.\n")
GO_SIGNATURE = ("\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZ"
                "SNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")


def test_the_go_example_key_and_signature():
    signer = Signer.parse(GO_SIGNER)
    assert signer.verifier.text == GO_VERIFIER and signer.text.strip() == GO_SIGNER
    assert signer.sign(GO_TEXT) == GO_SIGNATURE
    note = Note.parse(GO_TEXT + "\n" + GO_SIGNATURE)
    assert note.signed_by(Verifier.parse(GO_VERIFIER)) == 0


def test_an_altered_text_or_another_key_does_not_verify():
    note = Note.parse(GO_TEXT.replace("answer", "question") + "\n" + GO_SIGNATURE)
    assert note.signed_by(Verifier.parse(GO_VERIFIER)) is None
    other = Signer.generate("PeterNeumann").verifier
    assert Note.parse(GO_TEXT + "\n" + GO_SIGNATURE).signed_by(other) is None


def test_a_witness_cosignature_carries_its_time_and_covers_the_text():
    witness = Signer.generate("dpo", COSIGNATURE)
    signed = Note.parse(GO_TEXT + "\n" + GO_SIGNATURE)
    cosigned = Note.parse(signed.with_signature(witness.sign(signed.text, 1_700_000_000)))
    assert cosigned.signed_by(witness.verifier) == 1_700_000_000
    assert cosigned.signed_by(Verifier.parse(GO_VERIFIER)) == 0
    moved = Note.parse(GO_TEXT + "x\n\n" + "".join(cosigned.lines()))
    assert moved.signed_by(witness.verifier) is None


@pytest.mark.parametrize("text", ["", "name", "a+b+c", GO_VERIFIER.replace("c74f", "c75f"),
                                  GO_VERIFIER[:-4], "two words+c74f20a3+AAAA"])
def test_a_malformed_public_key_is_refused(text):
    with pytest.raises(InvalidInput):
        Verifier.parse(text)


@pytest.mark.parametrize("text", ["no blank line", "text\n\nnot a signature\n",
                                  "text\n\n\u2014 name !!!\n"])
def test_a_malformed_note_is_refused(text):
    with pytest.raises(InvalidInput):
        Note.parse(text)
