package io.parcours.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import org.springframework.stereotype.Component;

/** Whether a TCP connection to a URL's host and port opens within two seconds. */
@Component
class Reachability {

	static final int TIMEOUT_MS = 2_000;

	record Result(String endpoint, boolean reachable, Duration took, String error) {
	}

	Result check(String url) {
		URI uri = URI.create(url);
		int port = uri.getPort() != -1 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
		String endpoint = uri.getHost() + ":" + port;
		long start = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MS);
			return new Result(endpoint, true, Duration.ofNanos(System.nanoTime() - start), null);
		}
		catch (IOException e) {
			return new Result(endpoint, false, Duration.ofNanos(System.nanoTime() - start), e.toString());
		}
	}

}
