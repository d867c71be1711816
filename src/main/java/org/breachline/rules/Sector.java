package org.breachline.rules;

/** Regulated sectors whose incident-reporting laws apply by sector rather than by affected residents. */
public enum Sector {
    HIPAA_COVERED_ENTITY("US"), HIPAA_BUSINESS_ASSOCIATE("US"), GLBA_FINANCIAL_INSTITUTION("US"),
    NYDFS_COVERED_ENTITY("US-NY"), SEC_REGISTRANT("US"), NIS2_ESSENTIAL_ENTITY("EU"), NIS2_IMPORTANT_ENTITY("EU"),
    DORA_FINANCIAL_ENTITY("EU"), INDIA_CERT_IN_ENTITY("IN"), US_BANK("US"), US_CREDIT_UNION("US"),
    SEC_REG_SP_INSTITUTION("US"), FCC_TELECOM_CARRIER("US"), UK_PECR_PROVIDER("GB"), EU_ECS_PROVIDER("EU"),
    CH_CRITICAL_INFRASTRUCTURE("CH"), EU_TRUST_SERVICE_PROVIDER("EU"), FTC_PHR_VENDOR("US"),
    SEC_REG_SP_SERVICE_PROVIDER("US"), US_BANK_SERVICE_PROVIDER("US"), US_CRITICAL_INFRASTRUCTURE("US"),
    US_INFORMATION_BROKER("US"), US_PUBLIC_AGENCY("US");

    private final String jurisdiction;

    Sector(String jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    /** The jurisdiction whose regulator the sector answers to: being in the sector touches that jurisdiction. */
    public String jurisdiction() {
        return jurisdiction;
    }
}
