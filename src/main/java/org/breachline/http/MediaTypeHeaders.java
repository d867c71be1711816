package org.breachline.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.breachline.text.Echo;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Refuses an API request whose Content-Type or Accept header is not a media type ({@code Content-Type: json}) with an
 * error naming the header. Jersey refused such a request before any resource or filter of ours saw it, with a bare
 * "HTTP 400: Bad Request" that left the caller guessing which part of the request was wrong. Mapped to {@code /api/*}
 * only: alert hooks take whatever their senders declare.
 */
public class MediaTypeHeaders extends HttpFilter {
    private final ObjectWriter errors;

    public MediaTypeHeaders(ObjectMapper json) {
        this.errors = json.writerFor(ApiError.class);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !parses(contentType)) {
            refuse(response, HttpHeaders.CONTENT_TYPE, contentType, "send Content-Type: application/json");
            return;
        }
        for (String accept : Collections.list(request.getHeaders(HttpHeaders.ACCEPT))) {
            for (String range : accept.split(",")) {
                if (!range.isBlank() && !parses(range.trim())) {
                    refuse(response, HttpHeaders.ACCEPT, accept, "send Accept: application/json, or none");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean parses(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void refuse(HttpServletResponse response, String header, String value, String hint) throws IOException {
        String problem = Echo.quoted(value) + " is not a media type (type/subtype)";
        ServletJson.write(response, 400, errors, new ApiError("request.invalid_header", "The " + header + " header "
                + problem + "; " + hint + ".", List.of(new ApiError.Detail(header, problem))));
    }
}
