/// Letters the tests share.
public enum SampleLetter {
    /// A short letter with every clause a letter needs and nothing to flag: the baseline
    /// that tests change one sentence of.
    public static let clean = """
        Dear Priya,

        I am writing to resign from my position as Machine Learning Engineer at Northwind Analytics. \
        My resignation is effective two weeks from today.

        Thank you for the chance to build the fraud detection model with this team.

        Before I leave, I will document the feature pipeline and brief Sam on the retraining jobs.

        Sincerely,
        Alex Kim

        """
}
