package org.breachline.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.breachline.text.Echo;
import org.breachline.text.StorableText;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Refuses query parameters that would be misread: one holding a control character or a lone surrogate
 * (?actor=a%00b), which the database answered with an error of its own, a 500 for a typo; and one given twice
 * (?stage=DETECTION&amp;stage=CLOSED), of which Jersey keeps the first without a word, so the caller reads a filtered
 * list as if it were the one asked for (no parameter of this API takes several values); and, under {@code /api/},
 * one the endpoint does not know (?stgae=CLOSED listed every incident).
 */
@Provider
@Priority(Priorities.USER) // after authentication: a caller without a token hears 401 first
public class StrictQueryParameters implements ContainerRequestFilter {
    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource == null ? null : resource.getResourceMethod();
        // Other paths (the Twilio callback) keep whatever query their configured URL carries: it is signed.
        boolean api = request.getUriInfo().getPath(false).startsWith("api/");
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            String name = Echo.of(parameter.getKey());
            if (api && method != null) {
                Set<String> accepted = known.computeIfAbsent(method, StrictQueryParameters::queryParametersOf);
                if (!accepted.contains(parameter.getKey())) {
                    throw invalid(name, accepted.isEmpty() ? "is not a parameter of this endpoint, which takes none"
                            : "is not a parameter of this endpoint (known: " + String.join(", ", accepted) + ")");
                }
            }
            if (parameter.getValue().size() > 1) {
                throw invalid(name, "is given " + parameter.getValue().size() + " times; give it once");
            }
            for (String value : parameter.getValue()) {
                Optional<String> problem = StorableText.problemInLine(value);
                if (problem.isPresent()) {
                    throw invalid(name, problem.get());
                }
            }
        }
    }

    private static Set<String> queryParametersOf(Method method) {
        return Arrays.stream(method.getParameters()).map(p -> p.getAnnotation(QueryParam.class))
                .filter(Objects::nonNull).map(QueryParam::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static ApiException invalid(String name, String problem) {
        return ApiException.badRequest("request.invalid_parameter", "Parameter '" + name + "' " + problem + ".",
                List.of(new ApiError.Detail(name, problem)));
    }
}
