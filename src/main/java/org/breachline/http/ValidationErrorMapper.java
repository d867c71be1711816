package org.breachline.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Bean Validation failures on a request become one 422 listing every field at fault. */
@Provider
public class ValidationErrorMapper implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ValidationErrorMapper::isMissingBody)) {
            // An empty body (or a bare null) is not a document with a bad field: it is no document at all
            // (as [] is the wrong one).
            return ErrorResponses.of(400, new ApiError("request.malformed_json",
                    "The request body is empty or null; send a JSON object.",
                    List.of(new ApiError.Detail("(body)", "is required"))));
        }
        List<ApiError.Detail> details = e.getConstraintViolations().stream()
                .map(v -> new ApiError.Detail(field(v), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.Detail::field))
                .toList();
        String message = details.stream().map(d -> d.field() + " " + d.problem())
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(422, new ApiError("request.validation_failed", message, details));
    }

    /** A null resource-method parameter: with no @*Param on any of ours that is @NotNull, it is the entity. */
    private static boolean isMissingBody(ConstraintViolation<?> v) {
        Path.Node last = null;
        for (Path.Node node : v.getPropertyPath()) {
            last = node;
        }
        return last != null && last.getKind() == ElementKind.PARAMETER && v.getInvalidValue() == null;
    }

    /** The JSON path of the violation, without the Java method and parameter names Jersey puts in front. */
    private static String field(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.isEmpty() ? "(body)" : sb.toString();
    }
}
