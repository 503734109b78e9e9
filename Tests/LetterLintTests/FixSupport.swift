import Foundation
@testable import LetterLint

/// The letter the fix, rewrite and template tests start from: their own copy, with an
/// explicit last day that gives more than a month of notice from the tests' fixed "today"
/// (``ExampleRunner/defaultToday``), so no date or notice finding gets in whatever the
/// industry.
let fixLetter = """
    Dear Priya,

    I am writing to resign from my position as Machine Learning Engineer at Northwind Analytics. \
    My last working day will be Friday, 10 April 2026.

    Thank you for the chance to build the fraud detection model with this team.

    Before I leave, I will document the feature pipeline and brief Sam on the retraining jobs.

    Sincerely,
    Alex Kim
    """
