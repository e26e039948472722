package io.parcours.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than the API reads (413) before anything reads it: a batch of a
 * thousand events of a million characters each fills the heap while it is parsed, and an
 * embedded database that runs out of memory closes for good. A body sent in chunks,
 * without its length, is read up to the limit, no further.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	/**
	 * Paths that take many records in one body: a batch of events, a CSV import, a
	 * deployment of diagrams.
	 */
	private static final String[] BULK = { "/api/events:batch", "/api/contacts/import", "/deployment/create" };

	private final ObjectMapper mapper;

	private final long maxBytes;

	private final long maxBulkBytes;

	RequestBodyLimitFilter(ObjectMapper mapper, long maxBytes, long maxBulkBytes) {
		this.mapper = mapper;
		this.maxBytes = maxBytes;
		this.maxBulkBytes = maxBulkBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = isBulk(request) ? maxBulkBytes : maxBytes;
		long length = request.getContentLengthLong();
		if (length > limit) {
			refuse(request, response, limit);
			return;
		}
		// a form (a Twilio webhook) is read by the server itself, within its own limit
		if (length < 0 && request.getHeader("Transfer-Encoding") != null && !isForm(request)) {
			byte[] body = readAtMost(request.getInputStream(), limit + 1);
			if (body.length > limit) {
				refuse(request, response, limit);
				return;
			}
			chain.doFilter(new CachedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isForm(HttpServletRequest request) {
		return request.getContentType() != null
				&& request.getContentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	private static boolean isBulk(HttpServletRequest request) {
		String path = request.getRequestURI();
		for (String bulk : BULK) {
			if (path.endsWith(bulk)) {
				return true;
			}
		}
		return false;
	}

	private static byte[] readAtMost(InputStream in, long bytes) throws IOException {
		return in.readNBytes((int) Math.min(bytes, Integer.MAX_VALUE - 8));
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
		RefusedException refused = new RefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", "body",
				"the body is larger than " + limit + " bytes, the most this address reads"
						+ (isBulk(request) ? ": send the records in several requests" : ""));
		ProblemResponses.write(request, response, mapper, ApiProblems.refusal(refused));
	}

}
