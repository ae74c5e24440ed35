package io.liveguard.engine.generator;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What hosts say, as speech-to-text hands it over: Vietnamese with diacritics, Vietnamese
 * without them (often lower case, as many recognisers and typists write it), and English.
 * Templates take {@code {p}} (product), {@code {price}}, {@code {origin}},
 * {@code {months}} and {@code {name}}.
 */
final class Phrases {

	private Phrases() {
	}

	/** The language of one session's transcript. */
	enum Language {

		VIETNAMESE, VIETNAMESE_PLAIN, ENGLISH;

		boolean isVietnamese() {
			return this != ENGLISH;
		}

	}

	/** One kind of sentence in both languages. */
	record Bank(List<String> vi, List<String> en) {

		String pick(SplittableRandom rng, Language language) {
			List<String> options = language.isVietnamese() ? this.vi : this.en;
			return options.get(rng.nextInt(options.size()));
		}

	}

	static final Bank GREETING = new Bank(
			List.of("Chào cả nhà, hôm nay shop lên live với nhiều deal hot lắm nha",
					"Xin chào mọi người, bạn nào mới vào live thì thả tim cho shop nha",
					"Cả nhà ơi, live hôm nay có quà tặng cho 50 đơn đầu tiên",
					"Alo alo, cả nhà nghe rõ không ạ, mình bắt đầu nha"),
			List.of("Hi everyone, welcome to our live sale today", "Hello guys, drop a heart if you just joined",
					"Good evening, we have gifts for the first 50 orders tonight"));

	static final Bank PRODUCT = new Bank(
			List.of("Đây là {p}, hàng mới về, cả nhà xem kỹ nha", "{p} giá live chỉ còn {price} thôi, số lượng có hạn",
					"Mẫu {p} này bán chạy nhất tuần rồi đó cả nhà", "Shop mở cận cảnh {p} cho cả nhà xem nè",
					"{p} có ba màu, cả nhà chọn màu nào thì comment nha"),
			List.of("This is the {p}, brand new stock", "The {p} is only {price} during the live, limited quantity",
					"Our best seller this week, the {p}", "Let me show you the {p} up close"));

	static final Bank ENGAGE = new Bank(
			List.of("Bạn {name} hỏi còn hàng không, dạ còn nha bạn", "Cảm ơn bạn {name} đã chốt đơn",
					"Ai cần tư vấn thì để lại bình luận, shop trả lời liền", "Freeship cho đơn từ 99 nghìn nha cả nhà",
					"Thanh toán khi nhận hàng, cả nhà được kiểm tra hàng trước",
					"Bấm vào giỏ hàng góc trái màn hình để đặt nha"),
			List.of("{name} asks if it is still available, yes it is", "Thank you {name} for your order",
					"Leave a comment if you have any questions", "Free shipping on orders over the minimum tonight",
					"Tap the basket on the left to order"));

	static final Bank ORIGIN = new Bank(
			List.of("{p} xuất xứ {origin}, có đầy đủ giấy tờ", "Hàng sản xuất tại {origin}, tem nhãn rõ ràng"),
			List.of("The {p} is made in {origin}, fully documented", "Country of origin is {origin}"));

	static final Bank INGREDIENTS = new Bank(
			List.of("Thành phần chính ghi rõ trên bao bì, cả nhà đọc kỹ nha", "Thành phần có trên nhãn phụ tiếng Việt"),
			List.of("The ingredients are printed on the label", "Full ingredients are listed on the back"));

	static final Bank EXPIRY = new Bank(
			List.of("Hạn sử dụng còn {months} tháng, cả nhà yên tâm", "HSD in dưới đáy hộp, còn {months} tháng nha"),
			List.of("Expiry date is {months} months from now", "It expires in {months} months"));

	static final Bank CLOSING = new Bank(
			List.of("Cảm ơn cả nhà đã xem live, hẹn gặp lại tối mai nha",
					"Live sắp kết thúc rồi, cả nhà chốt đơn nhanh nha"),
			List.of("Thanks for watching, see you tomorrow night", "We are wrapping up, last call for orders"));

	/**
	 * A pharmacy explaining what a drug is for: a cure-claim word that is no violation
	 * when a drug is shown.
	 */
	static final Bank DRUG_USE = new Bank(
			List.of("{p} dùng để điều trị triệu chứng cảm cúm, có số đăng ký, dùng theo chỉ dẫn của dược sĩ"),
			List.of("The {p} treats cold and flu symptoms, follow the pharmacist's advice"));

	static final Bank CURE_CLAIM = new Bank(List.of("Uống {p} đều đặn một tháng là chữa khỏi tiểu đường luôn cả nhà",
			"{p} này đặc trị mụn, trị dứt điểm chỉ sau 7 ngày", "Dùng {p} là khỏi bệnh dạ dày, hết bệnh gout luôn",
			"Sản phẩm chữa bệnh huyết áp cao rất hiệu quả nha cả nhà"),
			List.of("This {p} cures diabetes in a month", "It treats high blood pressure naturally",
					"Our {p} heals eczema in one week"));

	static final Bank OFF_PLATFORM = new Bank(
			List.of("Ib Zalo cho shop để được giá sỉ nha", "Chuyển khoản trực tiếp cho shop được giảm thêm 10%",
					"Inbox riêng shop để lấy giá tốt hơn", "Ai muốn rẻ hơn thì kết bạn telegram của shop nha"),
			List.of("Message us on WhatsApp to order cheaper", "Pay outside the app by bank transfer and get 10% off"));

	private static final List<String> NAMES_VI = List.of("Lan", "Minh", "Hương", "Tuấn", "Thảo", "Nam", "Linh",
			"Phương", "Quang", "Đức");

	private static final List<String> NAMES_EN = List.of("Anna", "Budi", "Siti", "Somchai", "Maria", "Jose", "Aisyah",
			"Nok", "Farah", "Ken");

	/** Fills a template and renders it in the session's language. */
	static String say(SplittableRandom rng, Language language, Bank bank, String product, String price,
			String originCode) {
		String[] origin = Catalogue.ORIGIN_NAMES.getOrDefault(originCode, new String[] { originCode, originCode });
		List<String> names = language.isVietnamese() ? NAMES_VI : NAMES_EN;
		String text = bank.pick(rng, language)
			.replace("{p}", product)
			.replace("{price}", price)
			.replace("{origin}", language.isVietnamese() ? origin[0] : origin[1])
			.replace("{months}", Integer.toString(6 + rng.nextInt(31)))
			.replace("{name}", names.get(rng.nextInt(names.size())));
		text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
		if (language == Language.VIETNAMESE_PLAIN) {
			text = stripDiacritics(text);
			if (rng.nextBoolean()) {
				text = text.toLowerCase(Locale.ROOT);
			}
		}
		return text;
	}

	/**
	 * "Chữa khỏi" becomes "Chua khoi", "đ" becomes "d": how Vietnamese is often typed or
	 * transcribed.
	 */
	static String stripDiacritics(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		StringBuilder out = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			if (Character.getType(c) == Character.NON_SPACING_MARK) {
				continue;
			}
			out.append(c == 'đ' ? 'd' : (c == 'Đ' ? 'D' : c));
		}
		return out.toString();
	}

}
