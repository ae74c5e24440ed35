package io.liveguard.engine.session;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Fuzzing the session codec (issue 12): thousands of malformed records from a fixed seed
 * (change {@link #SEED} to explore; a failure names the record), each either refused with
 * {@link InvalidSessionException} naming its problems, or read into a session that
 * follows the format and can be written back. Nothing else escapes: no other exception,
 * no record that is stored and then cannot be read or shown.
 */
class SessionCodecFuzzTests {

	private static final SessionCodec codec = new SessionCodec();

	private static final long SEED = 20261203L;

	@Test
	void aMutatedRecordIsRefusedWithReasonsOrFollowsTheFormat() {
		for (String json : MalformedRecords.records(SEED, 1500)) {
			assertRefusedOrValid(json);
		}
	}

	@Test
	void arbitraryTextIsRefusedWithReasons() {
		for (String text : MalformedRecords.texts(SEED, 500, 200, "{}[]\":,0123456789.eE-+tfnul\\ ")) {
			assertRefusedOrValid(text);
		}
	}

	private static void assertRefusedOrValid(String json) {
		Throwable thrown = catchThrowable(() -> {
			LiveSession session = codec.read(json);
			assertFollowsTheFormat(session);
		});
		if (thrown != null) {
			assertThat(thrown).as(json).isInstanceOf(InvalidSessionException.class);
			InvalidSessionException invalid = (InvalidSessionException) thrown;
			assertThat(invalid.errors()).isNotEmpty()
				.allSatisfy((error) -> assertThat(error.message()).isNotBlank().hasSizeLessThan(1000));
			// the reasons are answered to the caller: they must be writable as JSON
			assertThat(StrictJson.loneSurrogate(invalid.getMessage())).isEqualTo(-1);
		}
	}

	private static void assertFollowsTheFormat(LiveSession session) {
		assertThat(Ids.isValid(session.sessionId())).isTrue();
		assertThat(Ids.isValid(session.sellerId())).isTrue();
		assertThat(session.startedAt()).isBetween(LiveSession.EARLIEST, LiveSession.LATEST);
		assertThat(session.endedAt()).isBetween(LiveSession.EARLIEST, LiveSession.LATEST);
		String written = codec.write(session);
		assertThat(StrictJson.loneSurrogate(written)).isEqualTo(-1);
		assertThat(codec.read(written)).isEqualTo(session);
		assertThat(session.signals())
			.allSatisfy((signal) -> assertThat(signal.at()).isBetween(session.startedAt(), session.endedAt()));
		assertThat(Instant.parse(session.startedAt().toString())).isEqualTo(session.startedAt());
	}

}
