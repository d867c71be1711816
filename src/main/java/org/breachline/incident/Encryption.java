package org.breachline.incident;

/** The state of the breached data's encryption; {@code ENCRYPTED} means the key was not compromised. */
public enum Encryption { NONE, ENCRYPTED, ENCRYPTED_KEY_COMPROMISED }
