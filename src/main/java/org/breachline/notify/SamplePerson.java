package org.breachline.notify;

import java.util.List;
import java.util.Map;

/** A made-up recipient for previewing a notice: a label, a locale, a jurisdiction and the person variables. */
public record SamplePerson(String label, String locale, String jurisdiction, Map<String, Object> variables) {
    public SamplePerson {
        variables = Map.copyOf(variables);
    }

    /**
     * A few people who exercise the resolution and the escaping: a Californian, a German, an English speaker in France,
     * an Australian, and a name that tries to inject HTML.
     */
    public static List<SamplePerson> standardSet() {
        return List.of(
                new SamplePerson("Californian (en-US, US-CA)", "en-US", "US-CA", Map.of("personName", "Alex Rivera", "personReference", "P-1001")),
                new SamplePerson("German (de-DE, DE)", "de-DE", "DE", Map.of("personName", "Jürgen Größe", "personReference", "P-1002")),
                new SamplePerson("English speaker in France (en, FR)", "en", "FR", Map.of("personName", "Sam Taylor", "personReference", "P-1003")),
                new SamplePerson("Australian (en-AU, AU-NSW)", "en-AU", "AU-NSW", Map.of("personName", "Jo Smith", "personReference", "P-1004")),
                new SamplePerson("Hostile name (en-US, US-TX)", "en-US", "US-TX",
                        Map.of("personName", "<script>alert('x')</script> & Co", "personReference", "P-1005")));
    }
}
