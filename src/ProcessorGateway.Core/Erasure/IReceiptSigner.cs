namespace ProcessorGateway.Core.Erasure;

/// <summary>Signs a deletion receipt as a compact JWS with the gateway's published signing key. The same receipt signs the same way.</summary>
public interface IReceiptSigner
{
    string Sign(DeletionReceipt receipt);
}
