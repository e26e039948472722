package io.parcours.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.TestContacts;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.FileSystemUtils;

/**
 * The dashboard in Debian's headless Chromium after a seeded run: log in as a marketer,
 * read the figures shown, recount them from {@code GET /api/journeys/{key}/stats}, look a
 * contact up, run a test run, and keep a screenshot (target/dashboard.png; with
 * {@code -Dparcours.docs.screenshots=true} also src/docs/images/dashboard.png for the
 * README).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DashboardBrowserTests {

	static ChromeDriver browser;

	static Path profile;

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ManagementService management;

	final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void startChromium() throws IOException {
		profile = Files.createTempDirectory("parcours-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1400,2200", "--lang=en-GB");
		LoggingPreferences console = new LoggingPreferences();
		console.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", console);
		browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
					.build(),
				options);
	}

	@AfterAll
	static void stopChromium() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		FileSystemUtils.deleteRecursively(profile);
	}

	@Test
	void showsTheSameFiguresAsTheApiAfterASeededRun() throws Exception {
		String ordering = seed();
		logIn("mia", "mia");

		WebElement welcome = browser.findElement(By.cssSelector("section[data-journey='welcome']"));
		JsonNode stats = api("/api/journeys/welcome/stats");
		assertThat(stats.path("entered").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(shown(welcome, "entered")).isEqualTo(stats.path("entered").asText());
		assertThat(shown(welcome, "active")).isEqualTo(stats.path("active").asText());
		assertThat(shown(welcome, "converted")).isEqualTo(stats.path("converted").asText());
		assertThat(shown(welcome, "conversionRate")).isEqualTo(percent(stats.path("conversionRate")));
		assertThat(shown(welcome, "revenue")).isEqualTo(String.format(Locale.ROOT, "%.2f %s",
				stats.at("/revenue/total").decimalValue(), stats.at("/revenue/currency").asText()));
		for (JsonNode step : stats.path("funnel")) {
			WebElement row = welcome.findElement(
					By.cssSelector("table.funnel tr[data-activity='" + step.path("activityId").asText() + "']"));
			assertThat(text(row.findElement(By.cssSelector("[data-field='reached']"))))
				.isEqualTo(step.path("reached").asText());
			assertThat(text(row.findElement(By.cssSelector("[data-field='waiting']"))))
				.isEqualTo(step.path("waiting").asText());
		}
		for (JsonNode channel : stats.path("messages")) {
			channel.path("byStatus").fields().forEachRemaining(status -> {
				WebElement cell = welcome
					.findElement(By.cssSelector("table.messages tr[data-channel='" + channel.path("channel").asText()
							+ "'][data-status='" + status.getKey() + "'] td[data-field='count']"));
				assertThat(text(cell)).isEqualTo(status.getValue().asText());
			});
		}
		assertThat(welcome.findElement(By.cssSelector("[data-field='objective']")).getText())
			.contains("conversion-rate", "target 15.0 %");
		// a share of the leads, though its name says no "rate"
		assertThat(browser.findElement(By.cssSelector("section[data-journey='b2b-nurturing'] [data-field='objective']"))
			.getText()).contains("leads-handed-to-sales", "target 20.0 %");
		int b2bSteps = api("/api/journeys/b2b-nurturing/stats").path("funnel").size();
		assertThat(browser.findElement(By.cssSelector("section[data-journey='b2b-nurturing'] [data-chart='funnel']"))
			.getSize()
			.getHeight()).as("a bar and a label for each of the %d steps", b2bSteps)
			.isGreaterThanOrEqualTo(b2bSteps * 20);
		browser.manage().window().setSize(new Dimension(800, 900));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> (Boolean) ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"));
		browser.manage().window().setSize(new Dimension(1400, 1000));
		screenshot();

		lookUp("ana@example.com", "p.error");
		assertThat(browser.findElement(By.cssSelector("#contact-view p.error")).getText())
			.as("the API's reason, not 'no contact'")
			.contains("not their email address");
		lookUp(ordering);
		assertThat(browser.findElements(By.cssSelector("table.contact-journeys tbody tr"))).hasSize(1);
		assertThat(browser.findElement(By.cssSelector("table.contact-journeys")).getText()).contains("Welcome series",
				"59.90");
		assertThat(browser.findElements(By.cssSelector("table.contact-messages tbody tr")))
			.hasSize(api("/api/contacts/" + ordering + "/messages").size());
		assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
			.as("the dashboard, its charts and the email previews run within the page's security policy")
			.extracting(LogEntry::getMessage)
			.noneMatch(message -> message.contains("Content Security Policy"));
	}

	@Test
	void runsATestRunFromTheDashboard() {
		logIn("mia", "mia");
		WebElement welcome = browser.findElement(By.cssSelector("section[data-journey='welcome']"));
		welcome.findElement(By.cssSelector("[data-action='test-run']")).click();
		welcome.findElement(By.cssSelector(".test-run-form button[type='submit']")).click();

		WebElement outcome = new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(driver -> welcome.findElement(By.cssSelector(".test-run [data-field='outcome']")));
		assertThat(outcome.getText()).isEqualTo("Journey ended at 'Converted'");
		assertThat(welcome.findElements(By.cssSelector(".test-run details.message"))).hasSize(3);

		// every journey's example script is one the API accepts
		for (String key : List.of("abandoned-cart", "b2b-nurturing")) {
			WebElement journey = browser.findElement(By.cssSelector("section[data-journey='" + key + "']"));
			journey.findElement(By.cssSelector("[data-action='test-run']")).click();
			journey.findElement(By.cssSelector(".test-run-form button[type='submit']")).click();
			new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver -> !journey
				.findElements(By.cssSelector(".test-run [data-field='outcome'], .test-run .error"))
				.isEmpty());
			assertThat(journey.findElements(By.cssSelector(".test-run .error"))).as(key)
				.extracting(WebElement::getText)
				.isEmpty();
		}
	}

	@Test
	void salesRepsCannotOpenTheDashboard() {
		logIn("sam", "sam");
		// sent to Tasklist, where a rep's tasks are, not to a refusal
		new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(driver -> driver.getCurrentUrl().contains("/camunda/app/tasklist/"));
		// logged in there too: his filters, not Tasklist's own log-in form
		new WebDriverWait(browser, Duration.ofSeconds(30))
			.until(driver -> !driver.findElements(By.partialLinkText("Sales: my leads")).isEmpty());
		assertThat(browser.findElements(By.cssSelector("input[ng-model='username']"))).isEmpty();
		assertThat(browser.getPageSource()).doesNotContain("data-journey");
		browser.get("http://127.0.0.1:" + port + "/");
		assertThat(browser.getPageSource()).doesNotContain("data-journey");
	}

	private String seed() {
		String ana = TestContacts.newId("ana");
		signUp(ana, true);
		signUp(TestContacts.newId("ben"), false);
		signUp(TestContacts.newId("chloe"), true);
		runDueJobs();
		post("/api/events", Map.of("id", UUID.randomUUID().toString(), "type", "order.completed", "contactId", ana,
				"properties",
				Map.of("orderId", TestContacts.newId("o"), "value", new BigDecimal("59.90"), "currency", "EUR")));
		runDueJobs();
		return ana;
	}

	private void signUp(String contactId, boolean emailConsent) {
		post("/api/events",
				Map.of("id", UUID.randomUUID().toString(), "type", "contact.signed_up", "contactId", contactId,
						"contact", Map.of("email", contactId + "@example.com", "firstName", "Ana", "locale", "fr-FR",
								"timeZone", "Europe/Paris", "consents", Map.of("email", emailConsent, "sms", false))));
	}

	/** The send steps' jobs (the job executor is off in tests); timers stay due later. */
	private void runDueJobs() {
		for (Job job : management.createJobQuery().messages().list()) {
			management.executeJob(job.getId());
		}
	}

	private void logIn(String user, String password) {
		browser.manage().deleteAllCookies();
		browser.get("http://127.0.0.1:" + port + "/");
		browser.findElement(By.id("username")).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type='submit']")).click();
		if (!user.equals("sam")) {
			new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
				.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
		}
	}

	private void lookUp(String contactId) {
		lookUp(contactId, "table.contact-journeys");
	}

	private void lookUp(String contactId, String shownWhenDone) {
		browser.findElement(By.id("contact-id")).clear();
		browser.findElement(By.id("contact-id")).sendKeys(contactId);
		browser.findElement(By.cssSelector("#contact-form button")).click();
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(driver -> !driver.findElements(By.cssSelector("#contact-view " + shownWhenDone)).isEmpty());
	}

	private static String shown(WebElement journey, String stat) {
		return journey.findElement(By.cssSelector("[data-stat='" + stat + "']")).getText();
	}

	/** Text of a cell of the figures tables, which are there for assistive technology. */
	private static String text(WebElement element) {
		return element.getDomProperty("textContent").strip();
	}

	private static String percent(JsonNode rate) {
		return String.format(Locale.ROOT, "%.1f %%", rate.decimalValue().doubleValue() * 100);
	}

	private void screenshot() throws IOException {
		browser.manage().window().setSize(new Dimension(1400, 1500));
		Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(Path.of("target"));
		Files.copy(shot, Path.of("target/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
		if (Boolean.getBoolean("parcours.docs.screenshots")) {
			Files.createDirectories(Path.of("src/docs/images"));
			Files.copy(shot, Path.of("src/docs/images/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private JsonNode api(String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("mia", "mia");
		try {
			return json
				.readTree(rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private void post(String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("mia", "mia");
		headers.setContentType(MediaType.APPLICATION_JSON);
		assertThat(rest.postForEntity(path, new HttpEntity<>(body, headers), String.class)
			.getStatusCode()
			.is2xxSuccessful()).isTrue();
	}

}
