/**
 * Running {@code .twintest} suites as "Twinstudio Test" launches. {@link org.twinstudio.testlang.ui.launch.TestLaunches}
 * is the API: {@code run(IFile, testName)} runs a suite or one test through its (reused or created) launch
 * configuration, {@code testAt(IDocument, offset)} names the test under a cursor, {@code request(configuration)}
 * reads a configuration's suite, test, tags and seed. {@link org.twinstudio.testlang.ui.launch.TestLaunchShortcut} is
 * Run As &gt; Twinstudio Test on files and editors; {@link org.twinstudio.testlang.ui.launch.TestLaunchDelegate}
 * starts the run.
 */
package org.twinstudio.testlang.ui.launch;
