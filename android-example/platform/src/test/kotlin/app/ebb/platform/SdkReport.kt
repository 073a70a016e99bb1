package app.ebb.platform

import kotlin.system.exitProcess
import org.junit.runner.Description
import org.junit.runner.JUnitCore
import org.junit.runner.notification.Failure
import org.junit.runner.notification.RunListener

/**
 * Runs the given test classes and prints what passed and failed at each
 * SDK level (Robolectric names each run `method[sdk]`), then the totals.
 * Exits non-zero if anything failed or nothing ran.
 */
fun main(args: Array<String>) {
    val passed = sortedMapOf<String, Int>()
    val failed = sortedMapOf<String, Int>()
    val failedTests = mutableSetOf<Description>()
    val core = JUnitCore()
    core.addListener(object : RunListener() {
        override fun testFailure(failure: Failure) {
            failedTests += failure.description
            System.err.println("FAILED ${failure.description.displayName}\n${failure.trace}")
        }
        override fun testAssumptionFailure(failure: Failure) {
            failedTests += failure.description
            System.err.println("FAILED (assumption) ${failure.description.displayName}: ${failure.message}")
        }
        override fun testFinished(description: Description) {
            val sdk = Regex("""\[(\d+)]""").find(description.methodName.orEmpty())?.groupValues?.get(1) ?: "none"
            val counts = if (description in failedTests) failed else passed
            counts[sdk] = (counts[sdk] ?: 0) + 1
        }
    })
    val result = core.run(*args.map { Class.forName(it) }.toTypedArray())
    for (sdk in (passed.keys + failed.keys).toSortedSet()) {
        println("robolectric: SDK $sdk: ${passed[sdk] ?: 0} passed, ${failed[sdk] ?: 0} failed")
    }
    val total = passed.values.sum()
    val bad = failed.values.sum()
    println("$total passed, $bad failed")
    exitProcess(if (result.wasSuccessful() && total > 0 && bad == 0) 0 else 1)
}
