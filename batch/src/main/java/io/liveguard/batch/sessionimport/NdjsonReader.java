package io.liveguard.batch.sessionimport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.liveguard.engine.session.NdjsonLines;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads an NDJSON file line by line, plain or gzip (told by its magic bytes), as UTF-8: a
 * byte order mark on line 1 is dropped, blank lines are skipped, lines are numbered from
 * 1. A line longer than the record limit ({@code liveguard.input.max-record-size},
 * counted on the decompressed bytes as they stream by) comes out as
 * {@link NdjsonLines.TooLong}, for the quarantine, without ever being held in memory, so
 * a gzip that inflates to one huge line cannot exhaust the heap. Its position, the number
 * of the last line read, goes to the step's execution context with every chunk, so a
 * restarted step reads on after the last committed chunk: the lines before are read again
 * and skipped (a gzip stream cannot seek). Malformed UTF-8 is read as U+FFFD, which the
 * session format then refuses or keeps as text, like the API. Also reports the file's
 * bytes read so far, for progress.
 */
class NdjsonReader implements ItemStreamReader<NdjsonLines.Line> {

	/** The number of the last line read, blank lines included. */
	static final String LINE = "import.line";

	/**
	 * Bytes of the file (compressed, for gzip) read so far: an estimate, the readers
	 * buffer ahead.
	 */
	static final String BYTES_READ = "import.bytesRead";

	private final Path file;

	private final long maxLineBytes;

	private @Nullable NdjsonLines reader;

	private @Nullable CountingInputStream counter;

	NdjsonReader(Path file, long maxLineBytes) {
		this.file = file;
		this.maxLineBytes = maxLineBytes;
	}

	@Override
	public void open(ExecutionContext context) {
		long resumeAfter = context.getLong(LINE, 0L);
		try {
			this.counter = new CountingInputStream(Files.newInputStream(this.file));
			this.reader = new NdjsonLines(NdjsonFiles.open(this.counter), this.maxLineBytes);
			this.reader.skip(resumeAfter);
		}
		catch (IOException ex) {
			throw new ItemStreamException("Cannot open " + this.file + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public NdjsonLines.@Nullable Line read() {
		NdjsonLines in = this.reader;
		if (in == null) {
			throw new IllegalStateException("not open");
		}
		try {
			return in.next();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.file + " after line " + in.lineNumber(), ex);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		NdjsonLines in = this.reader;
		if (in != null) {
			context.putLong(LINE, in.lineNumber());
		}
		CountingInputStream counted = this.counter;
		if (counted != null) {
			context.putLong(BYTES_READ, counted.count);
		}
	}

	@Override
	public void close() {
		try {
			if (this.reader != null) {
				this.reader.close();
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("Cannot close " + this.file, ex);
		}
		finally {
			this.reader = null;
		}
	}

	/** Counts the bytes read through it. */
	private static final class CountingInputStream extends FilterInputStream {

		private volatile long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int read = super.read();
			if (read >= 0) {
				this.count++;
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				this.count += read;
			}
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			this.count += skipped;
			return skipped;
		}

	}

}
