using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace ProcessorGateway.Server.Grpc;

/// <summary>What grpc-dotnet's own binder does for each generated method, with the request parse checked (see <see cref="ParseCheckedServiceMethodProvider{TService}"/>).</summary>
internal sealed class ParseCheckedServiceBinder<TService>(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase
    where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, [typeof(TRequest), typeof(ServerCallContext)]);
        context.AddUnaryMethod(ParseCheckedServiceMethodProvider<TService>.ParseChecked(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)]);
        context.AddClientStreamingMethod(ParseCheckedServiceMethodProvider<TService>.ParseChecked(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
        context.AddServerStreamingMethod(ParseCheckedServiceMethodProvider<TService>.ParseChecked(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)]);
        context.AddDuplexStreamingMethod(ParseCheckedServiceMethodProvider<TService>.ParseChecked(method), metadata, invoker);
    }

    private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, Type[] parameters)
        where TDelegate : Delegate
    {
        var handler = Handler(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
        var metadata = new List<object>();
        // Type attributes first, method attributes last (higher priority), as grpc-dotnet orders them.
        metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
    }

    /// <summary>The public override of the generated base method, skipping methods that only hide it.</summary>
    private MethodInfo? Handler(string name, Type[] parameters)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, binder: null, types: parameters, modifiers: null);
            if (method is null)
            {
                return null;
            }

            if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == declaringType)
            {
                return method;
            }
        }

        return null;
    }
}
