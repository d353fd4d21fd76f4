using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using ProcessorGateway.Core.Validation;

namespace ProcessorGateway.Server.Grpc;

/// <summary>
/// Binds every gRPC service as grpc-dotnet's own binder does (the generated BindService, the handler
/// methods of the service class, their attributes as endpoint metadata), with one difference: a request
/// message that does not parse, or is larger than <see cref="Limits.MaxRequestMessageBytes"/>, is
/// INVALID_ARGUMENT naming <c>request</c>. grpc-dotnet parses before any interceptor runs and answers
/// UNKNOWN for any exception it meets there, and RESOURCE_EXHAUSTED above its receive limit.
/// </summary>
internal sealed class ParseCheckedServiceMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = typeof(TService).GetCustomAttributes<BindServiceMethodAttribute>(inherit: true).FirstOrDefault();
        var bindMethod = bind?.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == bind.BindMethodName && m.GetParameters() is [var binder, _] && binder.ParameterType == typeof(ServiceBinderBase));
        if (bindMethod is null)
        {
            return;
        }

        var declaringType = bindMethod.GetParameters()[1].ParameterType;
        bindMethod.Invoke(null, [new ParseCheckedServiceBinder<TService>(context, declaringType), null]);
    }

    internal static Method<TRequest, TResponse> ParseChecked<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var deserialize = method.RequestMarshaller.ContextualDeserializer;
        var marshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
        {
            RequestChecks.CheckSize(context.PayloadLength);
            try
            {
                return deserialize(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw RequestChecks.Unparsable(typeof(TRequest).Name, e.Message);
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, marshaller, method.ResponseMarshaller);
    }
}
