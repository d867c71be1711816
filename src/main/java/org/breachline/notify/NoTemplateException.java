package org.breachline.notify;

/** No template fits a person: none exists for their language, or none carries what their jurisdiction's law requires. */
public final class NoTemplateException extends RuntimeException {
    public NoTemplateException(String message) {
        super(message);
    }
}
