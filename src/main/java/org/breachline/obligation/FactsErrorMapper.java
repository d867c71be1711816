package org.breachline.obligation;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.breachline.http.ApiError;
import org.breachline.http.ErrorResponses;
import org.breachline.rules.FactsException;

import java.util.List;

/** Facts the engine cannot read are the client's to fix: a 400 naming the field. */
@Provider
public class FactsErrorMapper implements ExceptionMapper<FactsException> {
    @Override
    public Response toResponse(FactsException e) {
        String field = e.field().isEmpty() ? "(body)" : e.field();
        return ErrorResponses.of(400, new ApiError("rules.invalid_facts", field + " " + e.problem() + ".",
                List.of(new ApiError.Detail(field, e.problem()))));
    }
}
