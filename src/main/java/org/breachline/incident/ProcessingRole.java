package org.breachline.incident;

/** Whether the organisation controls the breached data or processes it for a controller (GDPR Art. 4(7), 4(8)). */
public enum ProcessingRole { CONTROLLER, PROCESSOR }
