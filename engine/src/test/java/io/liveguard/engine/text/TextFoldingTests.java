package io.liveguard.engine.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Folding case, diacritics and punctuation before keyword matching. */
class TextFoldingTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			chữa khỏi           | chua khoi
			CHỮA KHỎI           | chua khoi
			Chữa Khỏi           | chua khoi
			chua khoi           | chua khoi
			điều trị            | dieu tri
			ĐIỀU TRỊ            | dieu tri
			Đặc trị             | dac tri
			hạn sử dụng         | han su dung
			xuất xứ             | xuat xu
			thành phần          | thanh phan
			ưu đãi              | uu dai
			Ơn trời             | on troi
			""")
	void foldsVietnameseCaseAndDiacritics(String text, String folded) {
		assertThat(TextFolding.fold(text)).isEqualTo(folded);
	}

	@Test
	void foldsTheLetterDWithStrokeInBothCases() {
		assertThat(TextFolding.fold("đ Đ đường ĐƯỜNG")).isEqualTo("d d duong duong");
	}

	@Test
	void foldsTextWrittenWithPrecomposedOrCombiningMarksAlike() {
		String precomposed = "kh\u1ecfi";
		String combining = "kho\u0309i";

		assertThat(TextFolding.fold(precomposed)).isEqualTo("khoi").isEqualTo(TextFolding.fold(combining));
	}

	@Test
	void turnsEveryRunOfPunctuationAndSpaceIntoOneSpace() {
		assertThat(TextFolding.fold("ib...riêng!!  nhé,\tzalo:\n0909-123-456"))
			.isEqualTo("ib rieng nhe zalo 0909 123 456");
	}

	@Test
	void trimsLeadingAndTrailingSeparators() {
		assertThat(TextFolding.fold("  -- Xin chào! --  ")).isEqualTo("xin chao");
	}

	@Test
	void keepsDigitsAndDropsSymbols() {
		assertThat(TextFolding.fold("Thành phần 100% gạo, HSD: 12/2027")).isEqualTo("thanh phan 100 gao hsd 12 2027");
	}

	@Test
	void foldsOtherLatinScriptsToo() {
		assertThat(TextFolding.fold("Crème BRÛLÉE, São Paulo")).isEqualTo("creme brulee sao paulo");
	}

	@Test
	void foldsTextWithoutWordsToNothing() {
		assertThat(TextFolding.fold("")).isEmpty();
		assertThat(TextFolding.fold(" ?! ... ")).isEmpty();
	}

	@Test
	void isIdempotent() {
		String once = TextFolding.fold("Sản phẩm này CHỮA KHỎI tiểu đường, hết bệnh!");

		assertThat(TextFolding.fold(once)).isEqualTo(once).isEqualTo("san pham nay chua khoi tieu duong het benh");
	}

}
