package org.breachline.rules;

/** Whether the breached data was encrypted, and whether the key went with it (which voids most safe harbours). */
public enum Encryption { NONE, ENCRYPTED, ENCRYPTED_KEY_COMPROMISED }
