package io.parcours;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to a server that can be cut and restored, to make a database unreachable
 * without stopping it: {@link #cut()} closes every relayed connection and refuses new
 * ones, {@link #restore()} listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	private volatile int port;

	public TcpProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		listen(0);
	}

	public int port() {
		return port;
	}

	public synchronized void cut() {
		closeQuietly(listener);
		sockets.forEach(TcpProxy::closeQuietly);
		sockets.clear();
	}

	public synchronized void restore() {
		listen(port);
	}

	@Override
	public void close() {
		cut();
	}

	private void listen(int wantedPort) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", wantedPort));
			listener = socket;
			port = socket.getLocalPort();
			daemon("tcp-proxy-" + port, () -> accept(socket));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot listen on port " + wantedPort, e);
		}
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				relay(socket, socket.accept());
			}
			catch (IOException e) {
				// listener closed by cut()
			}
		}
	}

	private void relay(ServerSocket listener, Socket client) {
		sockets.add(client);
		try {
			Socket server = new Socket(targetHost, targetPort);
			sockets.add(server);
			if (listener.isClosed()) {
				// cut while this connection was being set up: it must not outlive the cut
				closeQuietly(client);
				closeQuietly(server);
				return;
			}
			pump(client, server);
			pump(server, client);
		}
		catch (IOException e) {
			closeQuietly(client);
			sockets.remove(client);
		}
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

	private void pump(Socket from, Socket to) {
		daemon("tcp-proxy-pump", () -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read; (read = in.read(buffer)) >= 0;) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException e) {
				// one side closed: close the other too
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				sockets.remove(from);
				sockets.remove(to);
			}
		});
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception e) {
			// already closed
		}
	}

}
