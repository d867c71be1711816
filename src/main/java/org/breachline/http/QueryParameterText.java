package org.breachline.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.breachline.text.Echo;
import org.breachline.text.StorableText;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a query parameter holding a control character or a lone surrogate (?actor=a%00b) before any resource
 * passes it to the database, which answered a NUL with an error of its own: a 500 for a typo.
 */
@Provider
@Priority(Priorities.USER) // after authentication: a caller without a token hears 401 first
public class QueryParameterText implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            for (String value : parameter.getValue()) {
                Optional<String> problem = StorableText.problemInLine(value);
                if (problem.isPresent()) {
                    String name = Echo.of(parameter.getKey());
                    throw ApiException.badRequest("request.invalid_parameter",
                            "Parameter '" + name + "' " + problem.get() + ".",
                            List.of(new ApiError.Detail(name, problem.get())));
                }
            }
        }
    }
}
