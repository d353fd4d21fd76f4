using ProcessorGateway.Core.Keys;

namespace ProcessorGateway.Core.Audit;

/// <summary>
/// How an audit event names a data subject: the subject id sealed under a key derived from the subject's key,
/// and a lookup token (a keyed hash of the id) that only the same key reproduces. Once the subject key is
/// destroyed, neither can be tied back to the person, and the chain still verifies: it hashes these bytes.
/// </summary>
/// <param name="Key">Which subject key made it: a random id, so a reader can fetch the key while it exists.</param>
/// <param name="Token">The lookup token, the same for every event of the subject under one key.</param>
/// <param name="Sealed">The subject id under AES-256-GCM: nonce, ciphertext, tag.</param>
public sealed record SubjectReference(KeyReference Key, byte[] Token, byte[] Sealed);
