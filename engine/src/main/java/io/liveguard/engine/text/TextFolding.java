package io.liveguard.engine.text;

import java.text.Normalizer;

/**
 * Folds text for matching: lower case, no diacritics ("chữa khỏi" becomes "chua khoi",
 * "đ" becomes "d"), and every run of characters that are not letters or digits becomes
 * one space.
 */
public final class TextFolding {

	private TextFolding() {
	}

	/**
	 * The folded words of {@code text}, separated by single spaces, without leading or
	 * trailing space.
	 */
	public static String fold(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		StringBuilder out = new StringBuilder(decomposed.length());
		boolean pendingSpace = false;
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			int type = Character.getType(c);
			if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
					|| type == Character.ENCLOSING_MARK) {
				continue;
			}
			if (c == 'đ' || c == 'Đ') {
				c = 'd';
			}
			if (Character.isLetterOrDigit(c)) {
				if (pendingSpace && !out.isEmpty()) {
					out.append(' ');
				}
				pendingSpace = false;
				out.append(Character.toLowerCase(c));
			}
			else {
				pendingSpace = true;
			}
		}
		return out.toString();
	}

}
