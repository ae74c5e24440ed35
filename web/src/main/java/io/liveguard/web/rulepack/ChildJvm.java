package io.liveguard.web.rulepack;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Runs a main class of the application in a JVM of its own, for work the server must
 * survive: a heap limit it cannot exceed (it exits on the first OutOfMemoryError), a
 * wall-clock limit after which it is killed, a bounded read of what it writes, and a
 * bounded number running at once, so a burst of requests cannot fork the machine to
 * death. The child gets none of the server's environment variables or system properties
 * (where passwords and keys live), a fresh working directory, and its input as a file on
 * standard input.
 * <p>
 * The class path is the server's own: as given when run from classes (tests, an IDE), or,
 * in the Boot jar, where the application's classes are nested and not on
 * {@code java.class.path}, the jar through Boot's {@code PropertiesLauncher} with
 * {@code loader.main} naming the class.
 */
final class ChildJvm {

	static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	/**
	 * The exit status of a JVM run with {@code -XX:+ExitOnOutOfMemoryError} that ran out
	 * of heap.
	 */
	static final int OUT_OF_MEMORY = 3;

	private static final int ERROR_TAIL = 4096;

	private final DraftCheckProperties limits;

	private final Semaphore slots;

	private final List<String> launch;

	ChildJvm(DraftCheckProperties limits) {
		this(limits, System.getProperty("java.class.path"));
	}

	ChildJvm(DraftCheckProperties limits, String classPath) {
		this.limits = limits;
		this.slots = new Semaphore(limits.concurrent(), true);
		this.launch = launch(classPath);
	}

	/**
	 * Runs {@code mainClass} with {@code input} on its standard input and the given
	 * {@code -D} options, and returns once it has exited or was killed.
	 * @throws Busy when every slot stays taken for the queue wait
	 */
	Run run(String mainClass, List<String> properties, byte[] input) {
		boolean acquired;
		try {
			acquired = this.slots.tryAcquire(this.limits.queueWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Busy();
		}
		if (!acquired) {
			throw new Busy();
		}
		@Nullable Path directory = null;
		@Nullable Process process = null;
		try {
			directory = Files.createTempDirectory("liveguard-child-");
			Path in = directory.resolve("input.json");
			Files.write(in, input);
			ProcessBuilder builder = new ProcessBuilder(command(mainClass, properties, directory))
				.directory(directory.toFile())
				.redirectInput(in.toFile());
			// nothing of the server's environment: JAVA_TOOL_OPTIONS, datasource URLs and
			// passwords, keys
			builder.environment().clear();
			builder.environment().put("LANG", "C.UTF-8");
			long started = System.nanoTime();
			process = builder.start();
			BoundedLines lines = new BoundedLines(process, this.limits.maxReply().toBytes());
			ErrorTail errors = new ErrorTail(process.getErrorStream());
			Thread reader = daemon("liveguard-child-out", lines);
			Thread drainer = daemon("liveguard-child-err", errors);
			boolean exited = process.waitFor(this.limits.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
			if (!exited) {
				process.destroyForcibly();
			}
			process.waitFor(5, TimeUnit.SECONDS);
			reader.join(2000);
			drainer.join(2000);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			Ending ending = !exited ? Ending.TIMED_OUT : lines.overflowed() ? Ending.TOO_MUCH_OUTPUT : Ending.EXITED;
			return new Run(ending, process.isAlive() ? -1 : process.exitValue(), lines.lines(), errors.tail(), took);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a child JVM for " + mainClass, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a child JVM", ex);
		}
		finally {
			if (process != null && process.isAlive()) {
				process.destroyForcibly();
			}
			this.slots.release();
			delete(directory);
		}
	}

	/** How many children run now (or are about to start). */
	int running() {
		return this.limits.concurrent() - this.slots.availablePermits();
	}

	/**
	 * The whole command line; only what the child needs, none of the server's own
	 * {@code -D} options.
	 */
	List<String> command(String mainClass, List<String> properties, Path directory) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + this.limits.heap().toMegabytes() + "m");
		command.add("-Xss" + this.limits.stack().toKilobytes() + "k");
		command.add("-XX:+ExitOnOutOfMemoryError");
		command.add("-XX:MaxMetaspaceSize=192m");
		command.add("-XX:ReservedCodeCacheSize=64m");
		// one core, one GC thread, no JIT beyond C1: a short-lived child on a shared
		// machine
		command.add("-XX:ActiveProcessorCount=1");
		command.add("-XX:+UseSerialGC");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-XX:-UsePerfData");
		command.add("-Djava.io.tmpdir=" + directory);
		command.add("-Djava.awt.headless=true");
		command.add("-Dfile.encoding=UTF-8");
		command.addAll(properties);
		for (String part : this.launch) {
			command.add(part.replace("{main}", mainClass));
		}
		return command;
	}

	/**
	 * {@code -cp <class path> <main>}, or the Boot jar's launcher when the server runs
	 * from it.
	 */
	static List<String> launch(String classPath) {
		if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar") && isBootJar(Path.of(classPath))) {
			return List.of("-cp", classPath, "-Dloader.main={main}", BOOT_PROPERTIES_LAUNCHER);
		}
		return List.of("-cp", classPath, "{main}");
	}

	private static boolean isBootJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			String main = (manifest == null) ? null : manifest.getMainAttributes().getValue("Main-Class");
			return main != null && main.startsWith("org.springframework.boot.loader.");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void delete(@Nullable Path directory) {
		if (directory == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is no reason to fail the request
		}
	}

	/**
	 * How a child ended and what it wrote.
	 *
	 * @param exitCode its exit status, or -1 when it could not be reaped
	 * @param lines the lines it wrote on standard output, up to the limit
	 * @param errorTail the last few KB it wrote on standard error
	 */
	record Run(Ending ending, int exitCode, List<String> lines, String errorTail, Duration took) {
	}

	enum Ending {

		/** It exited by itself. */
		EXITED,

		/** It ran past the time limit and was killed. */
		TIMED_OUT,

		/** It wrote more than the reply limit and was killed. */
		TOO_MUCH_OUTPUT

	}

	/** Every child slot stayed taken. */
	static final class Busy extends RuntimeException {

		Busy() {
			super("every child JVM slot is taken", null, false, false);
		}

	}

	/**
	 * Reads standard output as UTF-8 lines, killing the child when it writes more than
	 * its limit.
	 */
	private static final class BoundedLines implements Runnable {

		private final Process process;

		private final long limit;

		private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

		private final AtomicBoolean overflowed = new AtomicBoolean();

		BoundedLines(Process process, long limit) {
			this.process = process;
			this.limit = limit;
		}

		@Override
		public void run() {
			try (InputStream in = this.process.getInputStream()) {
				ByteArrayOutputStream line = new ByteArrayOutputStream();
				byte[] buffer = new byte[8192];
				long total = 0;
				int read;
				while ((read = in.read(buffer)) != -1) {
					total += read;
					if (total > this.limit) {
						this.overflowed.set(true);
						this.process.destroyForcibly();
						return;
					}
					for (int i = 0; i < read; i++) {
						if (buffer[i] == '\n') {
							this.lines.add(line.toString(StandardCharsets.UTF_8));
							line.reset();
						}
						else {
							line.write(buffer[i]);
						}
					}
				}
				if (line.size() > 0) {
					this.lines.add(line.toString(StandardCharsets.UTF_8));
				}
			}
			catch (IOException ex) {
				// the child was killed mid-line: what was read stands
			}
		}

		List<String> lines() {
			synchronized (this.lines) {
				return List.copyOf(this.lines);
			}
		}

		boolean overflowed() {
			return this.overflowed.get();
		}

	}

	/**
	 * Drains standard error so the child never blocks on it, keeping only its last few
	 * KB.
	 */
	private static final class ErrorTail implements Runnable {

		private final InputStream in;

		private final byte[] ring = new byte[ERROR_TAIL];

		private long written;

		ErrorTail(InputStream in) {
			this.in = in;
		}

		@Override
		public void run() {
			try (InputStream stream = this.in) {
				byte[] buffer = new byte[8192];
				int read;
				while ((read = stream.read(buffer)) != -1) {
					synchronized (this) {
						for (int i = 0; i < read; i++) {
							this.ring[(int) (this.written++ % ERROR_TAIL)] = buffer[i];
						}
					}
				}
			}
			catch (IOException ex) {
				// killed: keep what was read
			}
		}

		synchronized String tail() {
			int size = (int) Math.min(this.written, ERROR_TAIL);
			byte[] tail = new byte[size];
			for (int i = 0; i < size; i++) {
				tail[i] = this.ring[(int) ((this.written - size + i) % ERROR_TAIL)];
			}
			return new String(tail, StandardCharsets.UTF_8);
		}

	}

}
