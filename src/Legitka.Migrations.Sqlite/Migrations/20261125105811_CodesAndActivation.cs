using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CodesAndActivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DevicesPerPupil",
                table: "Schools",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FirstCodeValidDays",
                table: "Schools",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LaterCodeValidDays",
                table: "Schools",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CodeBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClassIds = table.Column<string>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CodeBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CodeBatches_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsumedNonces",
                columns: table => new
                {
                    Value = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsumedNonces", x => x.Value);
                });

            migrationBuilder.CreateTable(
                name: "IssuerKeys",
                columns: table => new
                {
                    Kid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProtectedPrivateKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VerifyUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuerKeys", x => x.Kid);
                });

            migrationBuilder.CreateTable(
                name: "StatusLists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Accepting = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusLists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActivationOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferenceHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ActivationCodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PreAuthorizedCodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    PreAuthorizedCodeExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RedeemedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AccessTokenHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    AccessTokenExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AccessTokenKeyThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivationOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivationOffers_CodeBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "CodeBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivationOffers_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActivationOffers_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SlipSets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClassId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProtectedSlips = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlipSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlipSets_Classes_ClassId",
                        column: x => x.ClassId,
                        principalTable: "Classes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SlipSets_CodeBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "CodeBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IssuedMobileIds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchoolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PupilId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CardNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusListId = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    NotificationIdHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    WalletEvent = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    WalletEventAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedMobileIds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IssuedMobileIds_ActivationOffers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "ActivationOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedMobileIds_Pupils_PupilId",
                        column: x => x.PupilId,
                        principalTable: "Pupils",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedMobileIds_Schools_SchoolId",
                        column: x => x.SchoolId,
                        principalTable: "Schools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedMobileIds_StatusLists_StatusListId",
                        column: x => x.StatusListId,
                        principalTable: "StatusLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_AccessTokenHash",
                table: "ActivationOffers",
                column: "AccessTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_BatchId",
                table: "ActivationOffers",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PreAuthorizedCodeHash",
                table: "ActivationOffers",
                column: "PreAuthorizedCodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_PupilId_State",
                table: "ActivationOffers",
                columns: new[] { "PupilId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_ReferenceHash",
                table: "ActivationOffers",
                column: "ReferenceHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_SchoolId",
                table: "ActivationOffers",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_CodeBatches_SchoolId_CreatedAt",
                table: "CodeBatches",
                columns: new[] { "SchoolId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CodeBatches_State",
                table: "CodeBatches",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_ConsumedNonces_ExpiresAt",
                table: "ConsumedNonces",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMobileIds_NotificationIdHash",
                table: "IssuedMobileIds",
                column: "NotificationIdHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMobileIds_OfferId",
                table: "IssuedMobileIds",
                column: "OfferId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMobileIds_PupilId_EndedAt",
                table: "IssuedMobileIds",
                columns: new[] { "PupilId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMobileIds_SchoolId",
                table: "IssuedMobileIds",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMobileIds_StatusListId_StatusIndex",
                table: "IssuedMobileIds",
                columns: new[] { "StatusListId", "StatusIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlipSets_BatchId_ClassId",
                table: "SlipSets",
                columns: new[] { "BatchId", "ClassId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlipSets_ClassId_CreatedAt",
                table: "SlipSets",
                columns: new[] { "ClassId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsumedNonces");

            migrationBuilder.DropTable(
                name: "IssuedMobileIds");

            migrationBuilder.DropTable(
                name: "IssuerKeys");

            migrationBuilder.DropTable(
                name: "SlipSets");

            migrationBuilder.DropTable(
                name: "ActivationOffers");

            migrationBuilder.DropTable(
                name: "StatusLists");

            migrationBuilder.DropTable(
                name: "CodeBatches");

            migrationBuilder.DropColumn(
                name: "DevicesPerPupil",
                table: "Schools");

            migrationBuilder.DropColumn(
                name: "FirstCodeValidDays",
                table: "Schools");

            migrationBuilder.DropColumn(
                name: "LaterCodeValidDays",
                table: "Schools");
        }
    }
}
