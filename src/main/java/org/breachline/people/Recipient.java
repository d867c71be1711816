package org.breachline.people;

/** An affected person's contact data, opened for sending one notice; never logged (toString shows the id only). */
public record Recipient(long id, String reference, String name, String email, String phone, String locale,
                        String jurisdiction) {
    @Override
    public String toString() {
        return "Recipient[id=" + id + "]";
    }
}
