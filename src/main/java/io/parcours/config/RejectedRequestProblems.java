package io.parcours.config;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A path the server's firewall refuses (a {@code ;}, {@code ..}, an encoded slash or
 * percent sign) gets the same problem as any other bad request, naming the path, rather
 * than the container's own page.
 */
@Component
class RejectedRequestProblems implements RequestRejectedHandler {

	private final ObjectMapper mapper;

	RejectedRequestProblems(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The path holds characters the server refuses in a URL (;, .., an encoded / or %, a control"
						+ " character): an id with one cannot be addressed.");
		problem.setTitle("Path refused");
		problem.setProperty("field", "path");
		ProblemResponses.write(request, response, mapper, problem);
	}

}
