package io.liveguard.engine.text;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole-word phrase matching over folded text, several keyword lists at once. */
class KeywordMatcherTests {

	private final KeywordMatcher matcher = new KeywordMatcher(
			Map.of("cure-claims", List.of("chữa khỏi", "điều trị", "đặc trị", "trị dứt điểm", "hết bệnh", "cures"),
					"off-platform", List.of("zalo", "chuyển khoản", "ib riêng", "bank transfer"), "origin-cues",
					List.of("xuất xứ", "made in")));

	@ParameterizedTest
	@ValueSource(strings = { "kẹo này chữa khỏi tiểu đường", "keo nay chua khoi tieu duong", "CHỮA KHỎI",
			"Chua Khoi luon", "chữa   khỏi", "chữa, khỏi!", "(chữa-khỏi)" })
	void matchesAPhraseWithOrWithoutDiacriticsInAnyCaseAndSpacing(String text) {
		assertThat(this.matcher.match(text)).containsExactly(Map.entry("cure-claims", Set.of("chua khoi")));
	}

	@Test
	void matchesTheLetterDWithStroke() {
		assertThat(this.matcher.match("Thuốc ĐIỀU TRỊ nấm")).containsEntry("cure-claims", Set.of("dieu tri"));
		assertThat(this.matcher.match("dac tri nam")).containsEntry("cure-claims", Set.of("dac tri"));
	}

	@Test
	void matchesAPhraseOfThreeWords() {
		assertThat(this.matcher.match("uống là trị dứt điểm")).containsEntry("cure-claims", Set.of("tri dut diem"));
	}

	@Test
	void matchesOnlyWholeWords() {
		assertThat(this.matcher.match("thanh toán bằng zalopay nhé")).isEmpty();
		assertThat(this.matcher.match("securest cured")).isEmpty();
		assertThat(this.matcher.match("bank transfers")).isEmpty();
	}

	@Test
	void matchesAWordAtTheStartOrEndOfTheText() {
		assertThat(this.matcher.match("Zalo")).containsEntry("off-platform", Set.of("zalo"));
		assertThat(this.matcher.match("nhắn zalo")).containsEntry("off-platform", Set.of("zalo"));
		assertThat(this.matcher.match("zalo nhé")).containsEntry("off-platform", Set.of("zalo"));
	}

	@Test
	void doesNotMatchAPhraseCutByTheEndOfTheText() {
		assertThat(this.matcher.match("vui lòng ib")).isEmpty();
		assertThat(this.matcher.match("thuốc trị dứt")).isEmpty();
	}

	@Test
	void doesNotMatchTheWordsOfAPhraseApartOrReversed() {
		assertThat(this.matcher.match("ib cho shop, hàng riêng")).isEmpty();
		assertThat(this.matcher.match("khỏi chữa")).isEmpty();
	}

	@Test
	void matchesPunctuationBetweenTheWordsOfAPhrase() {
		assertThat(this.matcher.match("IB... riêng cho shop")).containsEntry("off-platform", Set.of("ib rieng"));
		assertThat(this.matcher.match("made-in Korea")).containsEntry("origin-cues", Set.of("made in"));
	}

	@Test
	void reportsEveryListThatMatchesInOnePass() {
		Map<String, Set<String>> hits = this.matcher
			.match("Hàng xuất xứ Hàn Quốc, chữa khỏi mụn, chuyển khoản qua Zalo hoặc ib riêng");

		assertThat(hits).containsOnlyKeys("cure-claims", "off-platform", "origin-cues");
		assertThat(hits.get("off-platform")).containsExactly("chuyen khoan", "zalo", "ib rieng");
		assertThat(hits.get("origin-cues")).containsExactly("xuat xu");
		assertThat(hits.get("cure-claims")).containsExactly("chua khoi");
	}

	@Test
	void reportsARepeatedPhraseOnce() {
		assertThat(this.matcher.match("zalo zalo ZALO")).containsExactly(Map.entry("off-platform", Set.of("zalo")));
	}

	@Test
	void matchesPhrasesSharingAFirstWord() {
		KeywordMatcher shared = new KeywordMatcher(
				Map.of("a", List.of("hạn sử dụng"), "b", List.of("hạn chót", "hạn")));

		assertThat(shared.match("hạn sử dụng")).containsOnlyKeys("a", "b");
		assertThat(shared.match("hạn chót")).containsExactly(Map.entry("b", Set.of("han chot", "han")));
	}

	@Test
	void matchesTheSamePhraseInSeveralLists() {
		KeywordMatcher both = new KeywordMatcher(Map.of("one", List.of("telegram"), "two", List.of("TELEGRAM")));

		assertThat(both.match("telegram")).containsOnlyKeys("one", "two");
	}

	@Test
	void ignoresBlankPhrases() {
		KeywordMatcher blank = new KeywordMatcher(Map.of("odd", List.of("", " ... ", "zalo")));

		assertThat(blank.match("xin chao")).isEmpty();
		assertThat(blank.match("zalo")).containsOnlyKeys("odd");
	}

	@Test
	void matchesNothingInTextWithoutWords() {
		assertThat(this.matcher.match("")).isEmpty();
		assertThat(this.matcher.match("!!!")).isEmpty();
	}

	@Test
	void matchesNothingWithoutLists() {
		KeywordMatcher none = new KeywordMatcher(Map.of());

		assertThat(none.lists()).isEmpty();
		assertThat(none.match("zalo")).isEmpty();
	}

	@Test
	void namesItsLists() {
		assertThat(this.matcher.lists()).containsExactlyInAnyOrder("cure-claims", "off-platform", "origin-cues");
	}

}
