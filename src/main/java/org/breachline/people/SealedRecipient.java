package org.breachline.people;

/**
 * A person's contact data as read from the database, still sealed: the dispatcher reads a batch of these in one
 * query and each sender thread opens its own, so that decrypting is spread over the senders instead of queued
 * behind one thread.
 */
public final class SealedRecipient {
    private final StoredPerson stored;
    private final ContactSealer sealer;

    SealedRecipient(StoredPerson stored, ContactSealer sealer) {
        this.stored = stored;
        this.sealer = sealer;
    }

    public long id() {
        return stored.id();
    }

    /**
     * Opens every field.
     *
     * @throws org.breachline.crypto.CiphertextRejectedException when a field cannot be opened with this key ring
     */
    public Recipient open() {
        return new Recipient(stored.id(), sealer.open(stored.referenceSealed(), ContactSealer.REFERENCE),
                sealer.open(stored.nameSealed(), ContactSealer.NAME), sealer.open(stored.emailSealed(), ContactSealer.EMAIL),
                sealer.open(stored.phoneSealed(), ContactSealer.PHONE), stored.locale(), stored.jurisdiction());
    }

    /** The organisation's reference for the person alone, or empty when it does not open with this key ring. */
    public java.util.Optional<String> reference() {
        try {
            return java.util.Optional.of(sealer.open(stored.referenceSealed(), ContactSealer.REFERENCE));
        } catch (org.breachline.crypto.CiphertextRejectedException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "SealedRecipient[id=" + stored.id() + "]";
    }
}
