package io.liveguard.engine.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting NDJSON into lines under a byte limit that holds however long a line is. */
class NdjsonLinesTests {

	@Test
	void numbersLinesFromOneCountingBlankLinesAndSkippingThem() throws IOException {
		List<NdjsonLines.Line> lines = readAll("{\"a\":1}\n\n   \n{\"b\":2}\r\n{\"c\":3}", 100);

		assertThat(lines).containsExactly(new NdjsonLines.Text(1, "{\"a\":1}"), new NdjsonLines.Text(4, "{\"b\":2}"),
				new NdjsonLines.Text(5, "{\"c\":3}"));
	}

	@Test
	void reportsALineOverTheLimitByItsNumberAndReadsTheRest() throws IOException {
		List<NdjsonLines.Line> lines = readAll("{\"a\":1}\n{\"long\":\"" + "x".repeat(200) + "\"}\n{\"c\":3}\n", 100);

		assertThat(lines).containsExactly(new NdjsonLines.Text(1, "{\"a\":1}"), new NdjsonLines.TooLong(2, 100),
				new NdjsonLines.Text(3, "{\"c\":3}"));
		assertThat(((NdjsonLines.TooLong) lines.get(1)).reason()).contains("limit of 100 bytes");
	}

	@Test
	void takesALineOfExactlyTheLimitWithOrWithoutCarriageReturn() throws IOException {
		String exact = "y".repeat(100);

		assertThat(readAll(exact + "\r\n" + exact + "\n" + exact, 100)).containsExactly(new NdjsonLines.Text(1, exact),
				new NdjsonLines.Text(2, exact), new NdjsonLines.Text(3, exact));
		assertThat(readAll(exact + "z\n", 100)).containsExactly(new NdjsonLines.TooLong(1, 100));
	}

	@Test
	void countsTheLimitInBytesOfUtf8() throws IOException {
		// 60 characters, 120 bytes
		assertThat(readAll("é".repeat(60), 100)).containsExactly(new NdjsonLines.TooLong(1, 100));
		assertThat(readAll("é".repeat(50), 100)).containsExactly(new NdjsonLines.Text(1, "é".repeat(50)));
	}

	@Test
	void dropsAByteOrderMarkOnLineOneOnly() throws IOException {
		assertThat(readAll("\uFEFF{}\n\uFEFF{}", 100)).containsExactly(new NdjsonLines.Text(1, "{}"),
				new NdjsonLines.Text(2, "\uFEFF{}"));
	}

	@Test
	void readsMalformedUtf8AsReplacementCharacters() throws IOException {
		byte[] bytes = { '{', (byte) 0xC3, '}', '\n' };
		try (NdjsonLines lines = new NdjsonLines(new ByteArrayInputStream(bytes), 100)) {
			assertThat(lines.next()).isEqualTo(new NdjsonLines.Text(1, "{\uFFFD}"));
		}
	}

	@Test
	void skipsLinesToResumeAfterThem() throws IOException {
		try (NdjsonLines lines = new NdjsonLines(utf8("{\"a\":1}\n\n" + "x".repeat(500) + "\n{\"d\":4}\n"), 100)) {
			lines.skip(3);

			assertThat(lines.lineNumber()).isEqualTo(3);
			assertThat(lines.next()).isEqualTo(new NdjsonLines.Text(4, "{\"d\":4}"));
			assertThat(lines.next()).isNull();
		}
	}

	@Test
	void streamsPastAHugeLineWithoutKeepingIt() throws IOException {
		// 256 MiB of one line, never held: the reader's memory is its buffer and the
		// limit
		long huge = 256L * 1024 * 1024;
		InputStream in = new SequenceInputStream(Collections
			.enumeration(List.of(utf8("{\"a\":1}\n"), new Repeating((byte) 'x', huge), utf8("\n{\"c\":3}\n"))));

		assertThat(readAll(in, 1024 * 1024)).containsExactly(new NdjsonLines.Text(1, "{\"a\":1}"),
				new NdjsonLines.TooLong(2, 1024 * 1024), new NdjsonLines.Text(3, "{\"c\":3}"));
	}

	@Test
	void catchesAGzipBombLineWhileInflating() throws IOException {
		// 64 MiB of one line compress to about 64 KiB
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
			byte[] block = new byte[1024 * 1024];
			java.util.Arrays.fill(block, (byte) ' ');
			for (int i = 0; i < 64; i++) {
				gzip.write(block);
			}
			gzip.write("\n{\"c\":3}\n".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(compressed.size()).isLessThan(1024 * 1024);

		List<NdjsonLines.Line> lines = readAll(new GZIPInputStream(new ByteArrayInputStream(compressed.toByteArray())),
				1024 * 1024);

		assertThat(lines).containsExactly(new NdjsonLines.Text(1, "{\"a\":1}"), new NdjsonLines.TooLong(2, 1024 * 1024),
				new NdjsonLines.Text(3, "{\"c\":3}"));
	}

	private static List<NdjsonLines.Line> readAll(String text, long limit) throws IOException {
		return readAll(utf8(text), limit);
	}

	private static List<NdjsonLines.Line> readAll(InputStream in, long limit) throws IOException {
		List<NdjsonLines.Line> all = new ArrayList<>();
		try (NdjsonLines lines = new NdjsonLines(in, limit)) {
			NdjsonLines.Line line;
			while ((line = lines.next()) != null) {
				all.add(line);
			}
		}
		return all;
	}

	private static InputStream utf8(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The same byte, {@code count} times, made up as it is read. */
	private static final class Repeating extends InputStream {

		private final byte value;

		private long left;

		Repeating(byte value, long count) {
			this.value = value;
			this.left = count;
		}

		@Override
		public int read() {
			if (this.left == 0) {
				return -1;
			}
			this.left--;
			return this.value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.left == 0) {
				return -1;
			}
			int count = (int) Math.min(length, this.left);
			java.util.Arrays.fill(buffer, offset, offset + count, this.value);
			this.left -= count;
			return count;
		}

	}

}
