package io.parcours.config;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * A request Tomcat refuses before any filter sees it gets a problem rather than Tomcat's
 * HTML page: naming the path for an encoded slash or backslash, a {@code %00} or broken
 * percent-encoding (like the requests the application's firewall refuses), naming the
 * request for headers too large or malformed.
 */
@Component
class ContainerErrorProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Host host = (Host) context.getParent();
			if (host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
		});
	}

	/** Tomcat's last resort for an error nothing else answered, written as a problem. */
	public static class ProblemReportValve extends ErrorReportValve {

		private static final ObjectMapper JSON = new ObjectMapper();

		/**
		 * An encoded slash or backslash, an encoded control character, or a % encoding
		 * nothing.
		 */
		private static final Pattern PATH_REFUSED = Pattern
			.compile("%(?:2[fF]|5[cC]|[01][0-9a-fA-F]|7[fF])|%(?![0-9a-fA-F]{2})");

		private static String uri(Request request) {
			String uri = request.getRequestURI();
			return uri == null ? "" : uri;
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			if (status == HttpStatus.BAD_REQUEST.value() && PATH_REFUSED.matcher(uri(request)).find()) {
				problem.put("title", "Path refused");
				problem.put("status", status);
				problem.put("detail", "The path holds characters the server refuses in a URL (an encoded / or \\,"
						+ " a control character, broken percent-encoding): an id with one cannot be addressed.");
				problem.put("field", "path");
			}
			else if (status == HttpStatus.BAD_REQUEST.value()) {
				problem.put("title", "Bad request");
				problem.put("status", status);
				problem.put("detail", "The server could not read the request: headers too large (a cookie grown"
						+ " too big), a malformed header, or characters a URL's query may not hold (| { } unencoded).");
				problem.put("field", "request");
			}
			else {
				HttpStatus known = HttpStatus.resolve(status);
				problem.put("title", known == null ? "Error" : known.getReasonPhrase());
				problem.put("status", status);
			}
			try {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(JSON.writeValueAsString(problem));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ignored) {
				// the client went away, or the response was committed meanwhile
			}
		}

	}

}
