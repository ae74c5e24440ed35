package io.liveguard.batch.sessionimport;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads an NDJSON file line by line, plain or gzip (told by its magic bytes), as UTF-8: a byte order
 * mark on line 1 is dropped, blank lines are skipped, lines are numbered from 1. Its position, the
 * number of the last line read, goes to the step's execution context with every chunk, so a
 * restarted step reads on after the last committed chunk: the lines before are read again and
 * skipped (a gzip stream cannot seek). Malformed UTF-8 is read as U+FFFD, which the session format
 * then refuses or keeps as text, like the API. Also reports the file's bytes read so far, for
 * progress.
 */
class NdjsonReader implements ItemStreamReader<NdjsonLine> {

	/** The number of the last line read, blank lines included. */
	static final String LINE = "import.line";

	/** Bytes of the file (compressed, for gzip) read so far: an estimate, the readers buffer ahead. */
	static final String BYTES_READ = "import.bytesRead";

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Path file;

	private @Nullable BufferedReader reader;

	private @Nullable CountingInputStream counter;

	private long line;

	NdjsonReader(Path file) {
		this.file = file;
	}

	@Override
	public void open(ExecutionContext context) {
		long resumeAfter = context.getLong(LINE, 0L);
		try {
			this.counter = new CountingInputStream(Files.newInputStream(this.file));
			this.reader = new BufferedReader(new InputStreamReader(NdjsonFiles.open(this.counter), StandardCharsets.UTF_8),
					64 * 1024);
			this.line = 0;
			while (this.line < resumeAfter && this.reader.readLine() != null) {
				this.line++;
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("Cannot open " + this.file + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public @Nullable NdjsonLine read() {
		BufferedReader in = this.reader;
		if (in == null) {
			throw new IllegalStateException("not open");
		}
		try {
			String text;
			while ((text = in.readLine()) != null) {
				this.line++;
				if (this.line == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
					text = text.substring(1);
				}
				if (!text.isBlank()) {
					return new NdjsonLine(this.line, text);
				}
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.file + " after line " + this.line, ex);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(LINE, this.line);
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
