package io.parcours.channel.provider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that keeps connections alive (no {@code Connection: close}) yet closes each
 * one a moment after answering, as a server or proxy with a short keep-alive does.
 */
final class ShortKeepAliveServer implements AutoCloseable {

	private final ServerSocket socket;

	private final String answer;

	final AtomicInteger requests = new AtomicInteger();

	ShortKeepAliveServer(int status, String headers, String body) throws IOException {
		this.socket = new ServerSocket(0);
		this.answer = "HTTP/1.1 " + status + " OK\r\n" + headers + "Content-Type: application/json\r\nContent-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
		Thread server = new Thread(this::serve, "short-keep-alive-server");
		server.setDaemon(true);
		server.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	private void serve() {
		while (!socket.isClosed()) {
			try (Socket connection = socket.accept()) {
				BufferedReader in = new BufferedReader(
						new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
				int length = 0;
				for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
					if (line.toLowerCase().startsWith("content-length:")) {
						length = Integer.parseInt(line.substring("content-length:".length()).trim());
					}
				}
				in.skip(length);
				requests.incrementAndGet();
				OutputStream out = connection.getOutputStream();
				out.write(answer.getBytes(StandardCharsets.UTF_8));
				out.flush();
				Thread.sleep(100);
			}
			catch (IOException | InterruptedException | RuntimeException closed) {
				// the test is over, or the client went away
			}
		}
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

}
