package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A body sent in chunks has no length to check: it is read up to the limit, no further.
 */
class RequestBodyLimitFilterTests {

	private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(new ObjectMapper(), 10, 20);

	@Test
	void aChunkedBodyOverTheLimitIsRefused() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(chunked("/api/events", "x".repeat(11)), response, chain);

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"field\":\"body\"", "10 bytes");
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void aChunkedBodyWithinTheLimitReachesTheApiWhole() throws Exception {
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(chunked("/api/events:batch", "y".repeat(20)), new MockHttpServletResponse(), chain);

		assertThat(body(chain.getRequest())).isEqualTo("y".repeat(20));
	}

	/**
	 * The server reads a form itself (a Twilio webhook's fields, which its signature
	 * covers).
	 */
	@Test
	void aChunkedFormIsLeftToTheServer() throws Exception {
		MockHttpServletRequest form = chunked("/webhooks/twilio/inbound", "x".repeat(11));
		form.setContentType("application/x-www-form-urlencoded");
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(form, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isSameAs(form);
	}

	@Test
	void aDeclaredLengthOverTheLimitIsRefusedUnread() throws ServletException, IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/events:batch");
		request.setContent("z".repeat(21).getBytes(StandardCharsets.UTF_8));
		MockHttpServletResponse response = new MockHttpServletResponse();

		filter.doFilter(request, response, new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("several requests");
	}

	private static MockHttpServletRequest chunked(String path, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path) {

			@Override
			public long getContentLengthLong() {
				return -1;
			}

		};
		request.addHeader("Transfer-Encoding", "chunked");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static String body(ServletRequest request) throws IOException {
		return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
