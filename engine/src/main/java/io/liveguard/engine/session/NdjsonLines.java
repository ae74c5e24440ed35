package io.liveguard.engine.session;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Splits NDJSON (session records one a line, session-format.md) into lines, each at most
 * a limit of bytes. The limit is counted on the bytes as they stream by, so a line over
 * it is skipped to its end without being kept and comes out as {@link TooLong} with its
 * number: one huge line, or a small gzip that inflates to one, costs no more memory than
 * the limit, and the lines after it are read as usual.
 * <p>
 * Lines end at {@code \n} (a {@code \r} before it is dropped) and are numbered from 1,
 * blank lines counted; blank lines are skipped. Each line is decoded as UTF-8, malformed
 * bytes as U+FFFD (which the session format then refuses or keeps as text); a byte order
 * mark on line 1 is dropped. Not thread safe.
 */
public final class NdjsonLines implements Closeable {

	private static final byte NEWLINE = '\n';

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final InputStream in;

	private final int limit;

	private final byte[] buffer = new byte[64 * 1024];

	private int position;

	private int end;

	private byte[] line = new byte[8 * 1024];

	private long number;

	/**
	 * @param in the NDJSON, decompressed; closed by {@link #close()}
	 * @param limit the most bytes a line may hold, its terminator not counted
	 */
	public NdjsonLines(InputStream in, long limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be positive: " + limit);
		}
		this.in = in;
		// a Java array holds no more; a 2 GiB line is past any sane limit anyway
		this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 16);
	}

	/** A line of the NDJSON, by its number from 1. */
	public sealed interface Line {

		long number();

	}

	/**
	 * A line within the limit.
	 *
	 * @param number its number
	 * @param text its text, without the terminator
	 */
	public record Text(long number, String text) implements Line {
	}

	/**
	 * A line over the limit; its content was not kept.
	 *
	 * @param number its number
	 * @param limit the limit it exceeded, in bytes
	 */
	public record TooLong(long number, long limit) implements Line {

		/** Why the line was refused, for the caller's report. */
		public String reason() {
			return "line is longer than the limit of " + this.limit + " bytes; it was not read";
		}

	}

	/** The next non-blank line, or null at the end of the input. */
	public @Nullable Line next() throws IOException {
		Line next;
		while ((next = read(true)) != null) {
			if (!(next instanceof Text text) || !text.text().isBlank()) {
				return next;
			}
		}
		return null;
	}

	/**
	 * Skips {@code count} lines, blank ones included, without decoding them: to resume
	 * after them.
	 */
	public void skip(long count) throws IOException {
		for (long i = 0; i < count; i++) {
			if (read(false) == null) {
				return;
			}
		}
	}

	/**
	 * The number of the last line read or skipped, blank lines included; 0 before the
	 * first.
	 */
	public long lineNumber() {
		return this.number;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/** Reads to the end of the next line; keeps and decodes it only when {@code keep}. */
	private @Nullable Line read(boolean keep) throws IOException {
		// one byte over the limit is kept, so that a line of exactly the limit may end
		// with \r\n
		long capacity = this.limit + 1L;
		long length = 0;
		boolean any = false;
		while (true) {
			if (this.position == this.end && !fill()) {
				if (!any) {
					return null;
				}
				break;
			}
			any = true;
			int start = this.position;
			int newline = indexOfNewline(start, this.end);
			int segment = ((newline < 0) ? this.end : newline) - start;
			if (keep && length + segment <= capacity) {
				append((int) length, start, segment);
			}
			length += segment;
			this.position = (newline < 0) ? this.end : newline + 1;
			if (newline >= 0) {
				break;
			}
		}
		this.number++;
		if (!keep) {
			return new Text(this.number, "");
		}
		if (length > capacity) {
			return new TooLong(this.number, this.limit);
		}
		int size = (int) length;
		if (size > 0 && this.line[size - 1] == '\r') {
			size--;
		}
		if (size > this.limit) {
			return new TooLong(this.number, this.limit);
		}
		String text = new String(this.line, 0, size, StandardCharsets.UTF_8);
		if (this.number == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
			text = text.substring(1);
		}
		return new Text(this.number, text);
	}

	private boolean fill() throws IOException {
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		while (read == 0) {
			read = this.in.read(this.buffer, 0, this.buffer.length);
		}
		this.position = 0;
		this.end = Math.max(read, 0);
		return read > 0;
	}

	private int indexOfNewline(int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.buffer[i] == NEWLINE) {
				return i;
			}
		}
		return -1;
	}

	private void append(int at, int start, int count) {
		if (at + count > this.line.length) {
			long grown = Math.max(2L * this.line.length, (long) at + count);
			this.line = Arrays.copyOf(this.line, (int) Math.min(grown, this.limit + 1L));
		}
		System.arraycopy(this.buffer, start, this.line, at, count);
	}

}
