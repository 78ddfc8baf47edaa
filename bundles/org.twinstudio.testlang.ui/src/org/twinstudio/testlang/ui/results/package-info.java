/**
 * Test runs in the workbench and the Test Results view. {@link org.twinstudio.testlang.ui.results.TestRunJob#start}
 * runs a {@link org.twinstudio.testlang.ui.results.TestRunRequest} in a background job (headless runner, cancellable
 * between simulation steps), records it in {@link org.twinstudio.testlang.ui.results.TestRunHistory} and shows it in
 * {@link org.twinstudio.testlang.ui.results.TestResultsView}. Each run writes its JUnit XML to
 * {@code .twinstudio/test-results/} of the project; {@link org.twinstudio.testlang.ui.results.TestRunJob#setHtmlReport}
 * plugs in the writer of the HTML report, whose path the view's Open Report action opens.
 */
package org.twinstudio.testlang.ui.results;
