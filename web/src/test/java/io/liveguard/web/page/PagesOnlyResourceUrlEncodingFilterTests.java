package io.liveguard.web.page;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PagesOnlyResourceUrlEncodingFilterTests {

	private final PageConfiguration.PagesOnlyResourceUrlEncodingFilter filter = new PageConfiguration.PagesOnlyResourceUrlEncodingFilter();

	@Test
	void apiRequestsPassThroughUnwrapped() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/sellers/shop-1/live-eligibility");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(chain.getResponse()).isSameAs(response);
	}

	@Test
	void apiRequestsUnderAContextPathPassThroughUnwrapped() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/liveguard/api/v1/appeals");
		request.setContextPath("/liveguard");
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void pagesAreWrappedForResourceUrlRewriting() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/seller");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, response, chain);

		assertThat(chain.getRequest()).isNotSameAs(request);
		assertThat(chain.getResponse()).isNotSameAs(response);
	}

	@Test
	void aPathThatOnlyStartsLikeTheApiIsAPage() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/apidocs");
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotSameAs(request);
	}

}
