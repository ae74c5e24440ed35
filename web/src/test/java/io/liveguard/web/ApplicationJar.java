package io.liveguard.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application jar started in a JVM of its own, as a user starts it: for the tests
 * that kill a node with {@code kill -9}, run a second node beside the test's, run the
 * command line, or read what the process prints. Its output goes to a log file in the
 * given directory, whose tail every failure shows. Closing it kills the process.
 */
public final class ApplicationJar implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final Path log;

	private ApplicationJar(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code java -jar} on the application jar (built by {@code package} before
	 * Failsafe runs) in {@code directory}, with a small heap and the quick-starting
	 * compiler, and the given application arguments ({@code --name=value}).
	 */
	public static ApplicationJar start(Path directory, String logName, List<String> arguments) {
		return start(directory, logName, "512m", arguments);
	}

	/** {@link #start(Path, String, List)} with the given maximum heap, such as 384m. */
	public static ApplicationJar start(Path directory, String logName, String heap, List<String> arguments) {
		Path jar = jar();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
						"-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
		command.addAll(arguments);
		Path log = directory.resolve(logName);
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ApplicationJar(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The application jar, which must have been built. */
	public static Path jar() {
		Path jar = Path.of(System.getProperty("liveguard.test.jar", "target/liveguard.jar")).toAbsolutePath();
		assertThat(jar).as("the application jar, built by package before Failsafe runs").isRegularFile();
		return jar;
	}

	/** A port nobody listens on now, for {@code --server.port}. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The application's default database URL ({@code ./data/...}) moved into
	 * {@code directory}, as a user's server would have it there.
	 */
	public static String defaultDatabaseIn(Path directory) {
		try {
			String url = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"))
				.getProperty("spring.datasource.url");
			assertThat(url).startsWith("jdbc:h2:file:./data/");
			return url.replace("file:./", "file:" + directory.toAbsolutePath() + "/");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until an H2 file database's lock is released: a killed process leaves its
	 * lock file, which H2 takes over once it is no longer refreshed (after a few
	 * seconds).
	 */
	public static void awaitLockReleased(Path database) {
		Path lock = Path.of(database + ".lock.db");
		await("the lock file of " + database + " gone or older than 5 s").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !Files.exists(lock)
					|| System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() > 5000);
	}

	/**
	 * Waits until the node answers its health probe on {@code port}; fails with the log's
	 * tail if the process ends or does not get there within three minutes.
	 */
	public ApplicationJar awaitHealthy(int port) {
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			await("the node's start (" + this.log + ")").atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> {
					assertThat(this.process.isAlive()).as("the node is running").isTrue();
					return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				});
		}
		catch (RuntimeException | Error ex) {
			kill();
			throw new AssertionError("the application did not start: " + tail(), ex);
		}
		return this;
	}

	/**
	 * Waits until the output contains {@code text}; fails with the log's tail if the
	 * process ends first or within three minutes.
	 */
	public ApplicationJar awaitOutput(String text) {
		await("'" + text + "' in " + this.log).atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !this.process.isAlive() || output().contains(text));
		assertThat(this.process.isAlive()).as(tail()).isTrue();
		return this;
	}

	/** Waits for the process to end by itself, and answers its exit status. */
	public int awaitExit(Duration timeout) {
		try {
			assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
				.as("the process ended: " + tail())
				.isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		finally {
			this.process.destroyForcibly();
		}
		return this.process.exitValue();
	}

	/** {@code kill -9}: the process gets no chance to finish anything. */
	public void kill() {
		this.process.destroyForcibly();
		awaitEnd();
	}

	/** {@code kill}: the process shuts down as on a deploy (forcibly after 30 s). */
	public void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/** Everything the process printed so far. */
	public String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The last lines the process printed, for failure messages. */
	public String tail() {
		String text = output();
		return text.substring(Math.max(0, text.length() - 4000));
	}

	/** The file the process prints to. */
	public Path log() {
		return this.log;
	}

	@Override
	public void close() {
		kill();
	}

	private void awaitEnd() {
		try {
			assertThat(this.process.waitFor(1, TimeUnit.MINUTES)).as("the process ended").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
