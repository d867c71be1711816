package org.breachline.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.breachline.text.StorableText;

import java.io.IOException;
import java.util.Optional;

/** Every string of a request body, refused when it could not be stored as sent ({@link StorableText}). */
public class StorableStringDeserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = super.deserialize(p, ctxt);
        if (text != null) {
            Optional<String> problem = StorableText.problemInMultiline(text);
            if (problem.isPresent()) {
                throw new UnstorableText(p, problem.get());
            }
        }
        return text;
    }

    /** The refusal, carrying the problem in words for {@link JsonErrorMapper}; Jackson adds the field's path. */
    static final class UnstorableText extends MismatchedInputException {
        private final String problem;

        UnstorableText(JsonParser p, String problem) {
            super(p, problem, String.class);
            this.problem = problem;
        }

        String problem() {
            return problem;
        }
    }
}
