package io.liveguard.engine.generator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateSessionsTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void writesOneReadableSessionALineToStandardOutput() {
		int status = run("--count", "25", "--sellers", "5", "--seed", "42", "--from", "2026-11-01", "--days", "3");
		assertThat(status).isZero();
		List<String> lines = this.out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(25);
		SessionCodec codec = new SessionCodec();
		List<LiveSession> sessions = lines.stream().map(codec::read).toList();
		assertThat(sessions).extracting(LiveSession::sellerId).allMatch((seller) -> seller.matches("shop-0000[0-4]"));
		List<LiveSession> expected = new SessionGenerator(
				GeneratorSettings.defaults().withCount(25).withSellers(5).withDays(3))
			.sessions()
			.toList();
		assertThat(sessions).isEqualTo(expected);
	}

	@Test
	void writesTheSameFileForTheSameSeed(@TempDir Path dir) throws IOException {
		Path first = dir.resolve("first.ndjson");
		Path second = dir.resolve("second.ndjson");
		assertThat(
				run("--count", "200", "--seed", "9", "--markets", "vn,th", "--mix", "1,1,1", "--out", first.toString()))
			.isZero();
		assertThat(run("--count", "200", "--seed", "9", "--markets", "vn,th", "--mix", "1,1,1", "--out",
				second.toString()))
			.isZero();
		assertThat(Files.readAllLines(first)).hasSize(200).isEqualTo(Files.readAllLines(second));
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("Wrote 200 sessions to");
	}

	@Test
	void explainsUsageErrors() {
		assertThat(run("--count", "many")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.startsWith("error: --count must be an integer, not 'many'")
			.contains("Usage: GenerateSessions");
		assertThat(this.out.size()).isZero();
		assertUsageError("unknown option --colour", "--colour", "red");
		assertUsageError("--seed needs a value", "--seed");
		assertUsageError("market 'XX' is not an ISO 3166", "--markets", "VN,XX");
		assertUsageError("--from must be a date such as 2026-11-01, not '1/11/2026'", "--from", "1/11/2026");
		assertUsageError("sellers must be at least 1", "--sellers", "0");
		assertUsageError("mix must be three weights", "--mix", "70,30");
		assertUsageError("unexpected argument 'now'", "now");
	}

	@Test
	void printsHelp() {
		assertThat(run("--help")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("Usage: GenerateSessions")
			.contains("--count N", "--seed N", "--out FILE");
	}

	private void assertUsageError(String message, String... args) {
		this.err.reset();
		assertThat(run(args)).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("error: " + message);
	}

	private int run(String... args) {
		return GenerateSessions.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
