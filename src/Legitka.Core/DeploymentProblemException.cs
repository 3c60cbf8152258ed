namespace Legitka;

/// <summary>
/// The deployment is set up wrongly (a missing connection string, a wrong or malformed local secret): nothing a retry
/// fixes, and nothing a stack trace helps with. The message says what to change; `legitka` prints it and exits 2.
/// </summary>
public sealed class DeploymentProblemException(string message) : Exception(message);
