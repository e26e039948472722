package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.parcours.scoring.TestLeads;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.FileSystemUtils;

/**
 * The sales rep's day in Tasklist, in Debian's headless Chromium: a demo request makes a
 * lead hot, Sam logs in, opens "Qualify hot lead", reads the lead, accepts it, and the
 * journey moves on to the CRM push.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class QualifyLeadBrowserTests {

	static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	TestLeads leads;

	@Autowired
	TaskService tasks;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	WebDriver browser;

	Path profile;

	@BeforeEach
	void startChromium() throws IOException {
		profile = Files.createTempDirectory("parcours-chromium");
		ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1366,768", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopChromium() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		FileSystemUtils.deleteRecursively(profile);
	}

	@Test
	void samQualifiesAHotLeadInTasklistAndTheJourneyMovesOn() throws IOException {
		ProcessInstance lead = leads.create("Head of Marketing", 120, "Retail", "FR");
		leads.activity(lead, "pricing_viewed", Instant.now());
		leads.activity(lead, "demo_requested", Instant.now());
		String company = "Acme " + lead.getBusinessKey();
		try {
			logIn("sam", "sam");
			click(By.partialLinkText(SalesAccess.MY_TASKS));
			click(By.xpath("//*[contains(@class,'task')]//*[contains(text(),'Qualify hot lead')]"));

			WebElement form = waitFor(By.cssSelector(".fjs-form"));
			waitUntilText(form, company);
			assertThat(form.getText()).contains("Head of Marketing")
				.contains("Score 110")
				.contains("demo requested +40")
				.contains("pricing viewed +15")
				.contains(lead.getBusinessKey());
			By accept = By.xpath("//label[contains(., 'Accept')]/input[@type='radio']");
			By reason = By.cssSelector(".fjs-form-field-textfield input");
			By notes = By.cssSelector(".fjs-form-field-textarea textarea");
			By complete = By.cssSelector("button[ng-click='complete()']");
			// Tasklist may import the form again while the task loads, wiping what was
			// entered: fill it until it holds and Complete is enabled
			new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(driver -> {
					if (!driver.findElement(accept).isSelected()) {
						click(accept);
					}
					fill(reason, "Budget and timing confirmed");
					fill(notes, "Demo on Thursday");
					sleep(Duration.ofSeconds(1));
					return driver.findElement(accept).isSelected()
							&& "Budget and timing confirmed".equals(driver.findElement(reason).getDomProperty("value"))
							&& driver.findElement(complete).isEnabled();
				});
			assertReachable(complete);
			click(By.cssSelector("button[ng-click='complete()']"));

			new WebDriverWait(browser, WAIT)
				.until(driver -> tasks.createTaskQuery().processInstanceId(lead.getId()).count() == 0);
		}
		catch (RuntimeException | AssertionError e) {
			keepEvidence();
			throw e;
		}

		assertThat(runtime.createProcessInstanceQuery()
			.processInstanceId(lead.getId())
			.activityIdIn("Task_PushToCrm")
			.count()).isOne();
		assertThat(runtime.getVariables(lead.getId())).containsEntry("decision", "accept")
			.containsEntry("reason", "Budget and timing confirmed")
			.containsEntry("notes", "Demo on Thursday")
			.doesNotContainKeys("contactName", "contactEmail", "contactPhone");
		assertThat(history.createHistoricTaskInstanceQuery()
			.processInstanceId(lead.getId())
			.taskDefinitionKey("Task_QualifyHotLead")
			.singleResult()
			.getAssignee()).isEqualTo("sam");
	}

	private void logIn(String user, String password) {
		browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
		By username = By.cssSelector("input[ng-model='username']");
		type(waitFor(username), user);
		type(browser.findElement(By.cssSelector("input[ng-model='password']")), password);
		click(By.cssSelector("button[type='submit']"));
		new WebDriverWait(browser, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(username));
	}

	/**
	 * Types like a user: the value, then the input event Angular and form-js listen to
	 * (see {@link #click}).
	 */
	private void type(WebElement field, String text) {
		((JavascriptExecutor) browser).executeScript("""
				const field = arguments[0];
				const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value').set;
				setter.call(field, arguments[1]);
				field.dispatchEvent(new Event('input', { bubbles: true }));""", field, text);
	}

	/**
	 * Types into a form field until the value holds: the form redraws after each change.
	 */
	private void fill(By field, String text) {
		new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(driver -> {
				if (!text.equals(driver.findElement(field).getDomProperty("value"))) {
					type(driver.findElement(field), text);
				}
				sleep(Duration.ofMillis(500));
				return text.equals(driver.findElement(field).getDomProperty("value"));
			});
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private WebElement waitFor(By locator) {
		return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	/**
	 * Clicks like a user, through the page's own event dispatch: chromedriver's native
	 * input events do not reach Tasklist's Angular pages in headless Chromium (keys are
	 * swallowed, clicks ignored), while the same events dispatched in the page work.
	 */
	private void click(By locator) {
		WebElement element = new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(locator));
		((JavascriptExecutor) browser).executeScript("arguments[0].click()", element);
	}

	/**
	 * What a user can click: scrolled into view, the element itself is what is on top at
	 * its centre (not a footer or a panel over it).
	 */
	private void assertReachable(By locator) {
		Object onTop = ((JavascriptExecutor) browser).executeScript("""
				const element = arguments[0];
				element.scrollIntoView({ block: 'center' });
				const box = element.getBoundingClientRect();
				const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
				return element === top || element.contains(top) ? 'reachable'
					: (top ? top.outerHTML.substring(0, 200) : 'nothing') + ' at ' + JSON.stringify(box)
					  + ' in ' + window.innerWidth + 'x' + window.innerHeight;""", browser.findElement(locator));
		assertThat(onTop).as("Complete on a 1366x768 laptop screen").isEqualTo("reachable");
	}

	private void waitUntilText(WebElement element, String text) {
		new WebDriverWait(browser, WAIT).until(driver -> element.getText().contains(text));
	}

	private void keepEvidence() throws IOException {
		Path dir = Files.createDirectories(Path.of("target", "browser-evidence"));
		Files.writeString(dir.resolve("qualify-lead.html"), browser.getPageSource());
		Files.write(dir.resolve("qualify-lead.png"),
				((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

}
